import { CLASSES } from './clips';
import { type Head, type TrainOptions, predict, train } from './logreg';
import { type Rng } from './rng';

// Stratified k-fold cross-validation grouped by source clip: every window of a clip (all its
// augmentations too) lands in the same fold, so the score says how the head does on clips it has
// never heard, not on other slices of clips it trained on.

export interface Example {
  x: Float32Array;
  y: number;
  group: string;
  condition: string;
}

/** group -> fold; groups of each class are shuffled and dealt round-robin, continuing across classes. */
export function assignFolds(rng: Rng, examples: Example[], k: number): Map<string, number> {
  const byClass = new Map<number, string[]>();
  for (const e of examples) {
    const groups = byClass.get(e.y) ?? [];
    if (!groups.includes(e.group)) groups.push(e.group);
    byClass.set(e.y, groups);
  }
  const fold = new Map<string, number>();
  let next = 0;
  for (const y of [...byClass.keys()].sort((a, b) => a - b)) {
    for (const g of rng.shuffle([...byClass.get(y)!].sort())) fold.set(g, next++ % k);
  }
  return fold;
}

export interface CvReport {
  folds: number;
  windows: number;
  groups: number;
  /** Per class: accuracy over held-out windows (all conditions), and window counts. */
  per_class: Record<string, { accuracy: number; windows: number; clips: number }>;
  /** Per condition (clean / SNR): overall accuracy. */
  per_condition: Record<string, number>;
  accuracy: number;
  balanced_accuracy: number;
  chance: number;
  /** confusion[true][predicted], window counts. */
  confusion: Record<string, Record<string, number>>;
}

export function crossValidate(rng: Rng, examples: Example[], k: number, opt: TrainOptions): CvReport {
  const fold = assignFolds(rng, examples, k);
  const C = CLASSES.length;
  const confusion = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  const cond = new Map<string, [number, number]>();
  for (let f = 0; f < k; f++) {
    const trainSet = examples.filter((e) => fold.get(e.group) !== f);
    const testSet = examples.filter((e) => fold.get(e.group) === f);
    const head: Head = train(trainSet.map((e) => e.x), trainSet.map((e) => e.y), C, opt);
    for (const e of testSet) {
      const p = predict(head, e.x);
      let best = 0;
      for (let c = 1; c < C; c++) if (p[c] > p[best]) best = c;
      confusion[e.y][best]++;
      const [ok, all] = cond.get(e.condition) ?? [0, 0];
      cond.set(e.condition, [ok + (best === e.y ? 1 : 0), all + 1]);
    }
  }
  const per_class: CvReport['per_class'] = {};
  let correct = 0;
  let balanced = 0;
  for (let c = 0; c < C; c++) {
    const total = confusion[c].reduce((a, b) => a + b, 0);
    const clips = new Set(examples.filter((e) => e.y === c).map((e) => e.group)).size;
    per_class[CLASSES[c]] = { accuracy: round(confusion[c][c] / Math.max(1, total)), windows: total, clips };
    correct += confusion[c][c];
    balanced += confusion[c][c] / Math.max(1, total) / C;
  }
  return {
    folds: k,
    windows: examples.length,
    groups: fold.size,
    per_class,
    per_condition: Object.fromEntries([...cond].sort().map(([c, [ok, all]]) => [c, round(ok / all)])),
    accuracy: round(correct / examples.length),
    balanced_accuracy: round(balanced),
    chance: round(1 / C),
    confusion: Object.fromEntries(CLASSES.map((t, i) => [t, Object.fromEntries(CLASSES.map((p, j) => [p, confusion[i][j]]))])),
  };
}

const round = (v: number): number => Math.round(v * 1000) / 1000;
