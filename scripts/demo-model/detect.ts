import * as ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { resample } from './clips';
import { splitCsvLine } from './clips';
import { runComposed } from './verify';
import { readWav16 } from './wav';

// Scoring the demo soundscapes with the composed model and matching the detections against the
// ground truth: used by the demo test and by `node --import tsx scripts/demo-model/measure.ts`.

export interface ScoredWindow {
  start_s: number;
  end_s: number;
  scores: Float32Array;
}

export interface Detection {
  file: string;
  start_s: number;
  end_s: number;
  label: string;
  score: number;
}

export interface TruthEvent {
  file: string;
  start_s: number;
  end_s: number;
  label: string;
  source_clip: string;
  in_training: boolean;
}

export function readGroundTruth(path: string): TruthEvent[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const head = splitCsvLine(lines[0]);
  return lines.slice(1).map((l) => {
    const f = splitCsvLine(l);
    const get = (k: string) => f[head.indexOf(k)];
    return { file: get('file'), start_s: Number(get('start_s')), end_s: Number(get('end_s')), label: get('label'), source_clip: get('source_clip'), in_training: get('in_training') === 'true' };
  });
}

/** A WAV, mixed down to mono and resampled to `rate` with the app's resampler. */
export async function loadMono(path: string, rate: number): Promise<Float32Array> {
  const { rate: r, channels } = readWav16(path);
  const mono = new Float32Array(channels[0].length);
  for (const ch of channels) for (let i = 0; i < mono.length; i++) mono[i] += ch[i] / channels.length;
  return resample(mono, r, rate);
}

/** Full windows only, at `hop` samples, in batches of `batch`. */
export async function scoreWindows(session: ort.InferenceSession, x: Float32Array, rate: number, windowSamples: number, hopSamples: number, batch = 8): Promise<ScoredWindow[]> {
  const starts: number[] = [];
  for (let s = 0; s + windowSamples <= x.length; s += hopSamples) starts.push(s);
  const out: ScoredWindow[] = [];
  for (let i = 0; i < starts.length; i += batch) {
    const group = starts.slice(i, i + batch);
    const { scores } = await runComposed(session, group.map((s) => x.subarray(s, s + windowSamples)));
    group.forEach((s, j) => out.push({ start_s: s / rate, end_s: (s + windowSamples) / rate, scores: scores[j] }));
  }
  return out;
}

/** One detection per window at most: its best label, if that is not a background label and scores >= threshold. */
export function detect(file: string, windows: ScoredWindow[], labels: string[], threshold: number, background = ['noise']): Detection[] {
  const out: Detection[] = [];
  for (const w of windows) {
    let best = 0;
    for (let k = 1; k < labels.length; k++) if (w.scores[k] > w.scores[best]) best = k;
    if (background.includes(labels[best]) || w.scores[best] < threshold) continue;
    out.push({ file, start_s: w.start_s, end_s: w.end_s, label: labels[best], score: w.scores[best] });
  }
  return out;
}

export interface MatchResult {
  detections: number;
  true_positives: number;
  events: number;
  events_found: number;
  precision: number;
  recall: number;
}

/**
 * Centre-in-event matching: a detection is right when its window's centre lies inside an event of the
 * same label (so a window that is mostly background, or the wrong class, counts against precision);
 * an event is found when at least one right detection falls in it.
 */
export function match(dets: Detection[], truth: TruthEvent[]): MatchResult {
  const found = new Set<TruthEvent>();
  let tp = 0;
  for (const d of dets) {
    const c = (d.start_s + d.end_s) / 2;
    const hit = truth.find((e) => e.file === d.file && e.label === d.label && c >= e.start_s && c <= e.end_s);
    if (hit) { tp++; found.add(hit); }
  }
  return {
    detections: dets.length,
    true_positives: tp,
    events: truth.length,
    events_found: found.size,
    precision: dets.length ? tp / dets.length : 1,
    recall: truth.length ? found.size / truth.length : 1,
  };
}
