import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { DEMO_DIR, MODEL_DIR } from './config';
import { type Detection, detect, loadMono, match, readGroundTruth, scoreWindows } from './detect';

// Prints precision and recall of the demo classifier on the demo soundscapes at several thresholds:
// the figures the demo test's assertions are derived from.

const manifest = JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8'));
const session = await ort.InferenceSession.create(join(MODEL_DIR, manifest.file), { intraOpNumThreads: 1 });
const truth = readGroundTruth(join(DEMO_DIR, 'ground-truth.csv'));
const rate = manifest.sample_rate;
const files = [...new Set(truth.map((e) => e.file))];
const scored = new Map<string, Awaited<ReturnType<typeof scoreWindows>>>();
const t0 = Date.now();
let audio = 0;
for (const f of files) {
  const x = await loadMono(join(DEMO_DIR, 'recordings', f), rate);
  audio += x.length / rate;
  scored.set(f, await scoreWindows(session, x, rate, Math.round(manifest.window_s * rate), Math.round(manifest.hop_s * rate)));
}
const secs = (Date.now() - t0) / 1000;
console.log(`scored ${audio.toFixed(0)} s of audio in ${secs.toFixed(1)} s (decode + resample + infer, one thread): ${(audio / secs).toFixed(0)}x realtime`);
for (const th of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
  const dets: Detection[] = files.flatMap((f) => detect(f, scored.get(f)!, manifest.labels, th));
  const all = match(dets, truth);
  const heldTruth = truth.filter((e) => !e.in_training);
  const heldFound = match(dets, heldTruth);
  console.log(`threshold ${th}: precision ${all.precision.toFixed(3)} recall ${all.recall.toFixed(3)} (${all.events_found}/${all.events}, ${all.detections} detections) | held-out events recall ${heldFound.recall.toFixed(3)} (${heldFound.events_found}/${heldFound.events})`);
}
const missed = truth.filter((e) => !match(files.flatMap((f) => detect(f, scored.get(f)!, manifest.labels, 0.5)), [e]).events_found);
console.log('missed at 0.5:', missed.map((e) => `${e.file}@${e.start_s} ${e.source_clip}`).join('; '));
