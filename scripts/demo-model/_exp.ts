import { clipWindows, syntheticBackground } from './augment';
import { CLASSES, loadClips } from './clips';
import { CLIPS_DIR, RATE, SEED } from './config';
import { type Example, crossValidate } from './cv';
import { ReferencePipeline, featureVector } from './features';
import { makeRng } from './rng';
const clips = (await loadClips(CLIPS_DIR, RATE)).sort((a, b) => a.file.localeCompare(b.file));
const rng = makeRng(SEED);
const windows = [...clips.flatMap((c) => clipWindows(rng, c)), ...syntheticBackground(rng)];
const p = await ReferencePipeline.open();
const ex: Example[] = [];
for (let i = 0; i < windows.length; i += 32) {
  const ch = windows.slice(i, i + 32);
  const pooled = await p.pooled(ch.map((w) => w.samples));
  for (let j = 0; j < ch.length; j++) {
    const mel = await p.melOf(ch[j].samples);
    const mx = new Float32Array(32).fill(-Infinity);
    for (let t = 0; t < mel.length / 32; t++) for (let b = 0; b < 32; b++) mx[b] = Math.max(mx[b], mel[t * 32 + b]);
    const f = featureVector(pooled[j]);
    const x = new Float32Array(f.length + 32); x.set(f); x.set(mx, f.length);
    ex.push({ x, y: CLASSES.indexOf(ch[j].label), group: ch[j].group, condition: ch[j].condition });
  }
}
const variants: Record<string, (x: Float32Array) => Float32Array> = { current: (x) => x.slice(0, 256), withMelMax: (x) => x };
for (const [vn, f] of Object.entries(variants)) for (const l2 of [3e-3, 1e-2, 3e-2]) {
  const cv = crossValidate(makeRng(SEED + 1), ex.map((e) => ({ ...e, x: f(e.x) })), 3, { l2, iterations: 400, learningRate: 0.05 });
  console.log(vn, l2, cv.accuracy, cv.balanced_accuracy, JSON.stringify(cv.per_condition), Object.values(cv.per_class).map((c) => c.accuracy).join(' '));
}
