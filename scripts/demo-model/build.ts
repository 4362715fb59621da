import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TrainingWindow, clipWindows, syntheticBackground } from './augment';
import { CLASSES, loadClips } from './clips';
import { composeModel } from './compose';
import { CLIPS_DIR, HOLDOUT, MODEL_DIR, MODEL_FILE, RATE, SEED, SHARED_CLIPS, WINDOW_S, HOP_S } from './config';
import { copyClips } from './copy-clips';
import { type CvReport, type Example, crossValidate } from './cv';
import { ReferencePipeline, featureVector } from './features';
import { DEFAULT_TRAIN, predict, train } from './logreg';
import { demoManifest } from './manifest';
import { modelReadme } from './model-readme';
import { makeRng } from './rng';
import { verifyComposed } from './verify';

// `npm run build:demo-model`: clips -> augmented 1 s windows -> speech_embedding features (reference
// pipeline) -> grouped cross-validation -> head on all but the held-out clips -> one composed ONNX graph,
// verified against the reference -> model.json + metrics.json. Same seed, same machine: same bytes.

const MIN_SCORE = 0.5;
const FOLDS = 3; // dog and noise have 3 real clips each: more folds would leave a class out of a fold
const log = (...a: unknown[]) => console.log('[build:demo-model]', ...a);

async function features(pipeline: ReferencePipeline, windows: TrainingWindow[]): Promise<Example[]> {
  const out: Example[] = [];
  for (let i = 0; i < windows.length; i += 32) {
    const chunk = windows.slice(i, i + 32);
    const pooled = await pipeline.pooled(chunk.map((w) => w.samples));
    chunk.forEach((w, j) => out.push({ x: featureVector(pooled[j]), y: CLASSES.indexOf(w.label), group: w.group, condition: w.condition }));
  }
  return out;
}

function accuracyOn(examples: Example[], head: ReturnType<typeof train>): Record<string, number> {
  const byClass = new Map<string, [number, number]>();
  for (const e of examples) {
    const p = predict(head, e.x);
    const best = p.indexOf(Math.max(...p));
    const [ok, all] = byClass.get(CLASSES[e.y]) ?? [0, 0];
    byClass.set(CLASSES[e.y], [ok + (best === e.y ? 1 : 0), all + 1]);
  }
  return Object.fromEntries([...byClass].map(([c, [ok, all]]) => [c, Math.round((ok / all) * 1000) / 1000]));
}

export function formatTable(cv: CvReport): string {
  const rows = CLASSES.map((c) => `| ${c.padEnd(11)} | ${String(cv.per_class[c].clips).padStart(5)} | ${String(cv.per_class[c].windows).padStart(7)} | ${cv.per_class[c].accuracy.toFixed(3)} |`);
  return [
    '| class       | clips | windows | accuracy |',
    '|-------------|-------|---------|----------|',
    ...rows,
    `| all         |       | ${String(cv.windows).padStart(7)} | ${cv.accuracy.toFixed(3)} (balanced ${cv.balanced_accuracy.toFixed(3)}, chance ${cv.chance.toFixed(3)}) |`,
  ].join('\n');
}

async function main(): Promise<void> {
  const t0 = Date.now();
  if (existsSync(SHARED_CLIPS)) {
    const rows = (await loadClips(SHARED_CLIPS, RATE)).map(({ samples: _s, rate: _r, ...row }) => row);
    copyClips(SHARED_CLIPS, CLIPS_DIR, rows);
    log(`copied ${rows.length} clips from ${SHARED_CLIPS} to ${CLIPS_DIR}`);
  }
  const clips = (await loadClips(CLIPS_DIR, RATE)).sort((a, b) => a.file.localeCompare(b.file));
  const rng = makeRng(SEED);
  const windows = [...clips.flatMap((c) => clipWindows(rng, c)), ...syntheticBackground(rng)];
  log(`${clips.length} clips -> ${windows.length} training windows of ${WINDOW_S} s`);

  const pipeline = await ReferencePipeline.open();
  const examples = await features(pipeline, windows);
  log(`features done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const cv = crossValidate(makeRng(SEED + 1), examples, FOLDS, DEFAULT_TRAIN);
  log(`${FOLDS}-fold cross-validation grouped by clip (all ${clips.length} clips + synthetic background):\n${formatTable(cv)}`);

  const held = new Set(HOLDOUT);
  const trainSet = examples.filter((e) => !held.has(e.group));
  const head = train(trainSet.map((e) => e.x), trainSet.map((e) => e.y), CLASSES.length, DEFAULT_TRAIN);
  const heldOut = accuracyOn(examples.filter((e) => held.has(e.group)), head);
  log('shipped head on its held-out clips (window accuracy):', heldOut);

  const model = composeModel({ windowSamples: Math.round(WINDOW_S * RATE), head, docString: `Earmark demo classifier, seed ${SEED}` });
  // Verification windows: real clip windows at very different levels in the same batch, so a
  // batch-wide floor would show up as a batch-vs-single difference.
  const vrng = makeRng(SEED + 2);
  const verifyWindows = Array.from({ length: 32 }, (_, i) => windows[vrng.int(windows.length)].samples.map((v) => v * 10 ** (-(i % 4))));
  const verify = await verifyComposed(model, pipeline, head, verifyWindows);
  log('composed graph check:', verify);
  await pipeline.close();

  mkdirSync(MODEL_DIR, { recursive: true });
  writeFileSync(join(MODEL_DIR, MODEL_FILE), model);
  writeFileSync(join(MODEL_DIR, 'model.json'), JSON.stringify(demoManifest(MIN_SCORE), null, 2) + '\n');
  const metrics = {
    model: 'earmark-demo',
    seed: SEED,
    window_s: WINDOW_S,
    hop_s: HOP_S,
    training: { ...DEFAULT_TRAIN, head: 'softmax logistic regression on [mean, max] of 3 speech_embedding vectors + per-band mean and std of the 32 log-mel bands', windows: trainSet.length, held_out_clips: HOLDOUT },
    cross_validation: { ...cv, note: `stratified ${FOLDS}-fold, grouped by source clip (all windows and augmentations of a clip in one fold); windows: clean at -30..0 dB gain plus mixes with coloured noise at 20/10/3 dB SNR` },
    held_out_window_accuracy: heldOut,
    composed_graph_check: verify,
    model_bytes: model.length,
  };
  writeFileSync(join(MODEL_DIR, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  writeFileSync(join(MODEL_DIR, 'README.md'), modelReadme(formatTable(cv), cv, heldOut, model.length));
  log(`wrote ${join(MODEL_DIR, MODEL_FILE)} (${(model.length / 1e6).toFixed(2)} MB), model.json, metrics.json in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
