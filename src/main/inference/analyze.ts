import { EarmarkError } from '../../shared/errors';
import type { AudioSource, ChannelSelection } from '../audio/source';
import type { WorkerPool } from '../workers/pool';
import { inferBatch, sessionSpec } from './pool';
import type { InferResult } from './protocol';
import { StreamResampler } from './resample';
import type { ValidatedModel } from './validate';
import { Windower, type WindowView } from './windower';

// Runs a model over one recording (issue 3): streaming decode -> resample to the model's rate ->
// windows at exact hop positions -> batches of windows to the inference worker pool. Memory is
// bounded by the decode chunk, the resampler and the batches in flight, whatever the file's length.
// Results come back in window order, batch by batch, so the caller can store each batch in one
// transaction and a resumed run can start at the first window it has not stored (`start_window`).

export interface AnalyzeOptions {
  /** Defaults to the manifest's; only a graph with a symbolic window dimension accepts another. */
  window_s?: number;
  /** Defaults to the manifest's hop_s. */
  hop_s?: number;
  channel?: ChannelSelection;
  /** Defaults to the manifest's min_score. */
  min_score?: number;
  /** Keep predictions of these labels only (default: all). */
  labels?: string[];
  signal?: AbortSignal;
  /** Windows per worker call (default 16). */
  batch_size?: number;
  /** Batches in flight for this recording (default: 2 per worker). */
  max_in_flight?: number;
  /**
   * Resume: windows before this index are not run. The audio before them is still decoded and
   * resampled, so every later window gets exactly the samples (and scores) of an uninterrupted run.
   */
  start_window?: number;
  chunk_frames?: number;
}

export interface ScoredWindow {
  index: number;
  start_s: number;
  /** start_s + window_s, at most the recording's duration. */
  end_s: number;
  /** One score per model label (all labels, in manifest order), activation applied. */
  scores: Float32Array;
  embedding?: Float32Array;
}

export interface Prediction {
  window: number;
  start_s: number;
  end_s: number;
  label: string;
  score: number;
}

export interface AnalyzeBatch {
  /** Consecutive windows, in order. */
  windows: ScoredWindow[];
  /** The windows' scores that pass the label filter and min_score. */
  predictions: Prediction[];
  /** Seconds of the recording analysed so far (the end of this batch's last window). */
  done_s: number;
  /** Windows the recording has (from its header length: exact for WAV and FLAC). */
  total_windows: number;
}

export interface RunPlan {
  windowS: number;
  hopS: number;
  windowSamples: number;
  minScore: number;
  keep: number[];
}

/** Checks a run's options against the model; throws BAD_INPUT with what is wrong. */
export function planRun(model: ValidatedModel, o: AnalyzeOptions): RunPlan {
  const m = model.manifest;
  const windowS = o.window_s ?? m.window_s;
  const hopS = o.hop_s ?? m.hop_s;
  const windowSamples = Math.round(windowS * m.sample_rate);
  if (!(windowS > 0) || !(hopS > 0)) throw new EarmarkError('BAD_INPUT', `window and hop must be positive seconds (got window ${windowS}, hop ${hopS})`);
  if (model.fixedWindow !== null && windowSamples !== model.fixedWindow) {
    throw new EarmarkError('BAD_INPUT', `model ${m.id} takes windows of exactly ${m.window_s} s (${model.fixedWindow} samples); a window of ${windowS} s is not possible`);
  }
  let keep = model.labels.map((_, i) => i);
  if (o.labels?.length) {
    const unknown = o.labels.filter((l) => !model.labels.includes(l));
    if (unknown.length) throw new EarmarkError('BAD_INPUT', `model ${m.id} has no label ${unknown.map((l) => `"${l}"`).join(', ')}; its labels are: ${model.labels.join(', ')}`);
    keep = keep.filter((i) => o.labels!.includes(model.labels[i]));
  }
  return { windowS, hopS, windowSamples, minScore: o.min_score ?? m.min_score, keep };
}

export async function* analyzeRecording(
  source: AudioSource,
  model: ValidatedModel,
  options: AnalyzeOptions,
  pool: WorkerPool,
): AsyncGenerator<AnalyzeBatch> {
  const plan = planRun(model, options);
  const { info } = source;
  const channel = options.channel ?? 'mix';
  if (typeof channel === 'number' && (!Number.isInteger(channel) || channel < 0 || channel >= info.channels)) {
    throw new EarmarkError('BAD_INPUT', `${source.path}: channel ${channel} does not exist (the file has ${info.channels}; channels count from 0)`);
  }
  const rate = model.manifest.sample_rate;
  const spec = sessionSpec(model, plan.windowSamples);
  const batchSize = Math.max(1, options.batch_size ?? 16);
  const maxInFlight = Math.max(1, options.max_in_flight ?? pool.size * 2);
  const signal = options.signal;
  const resampler = await StreamResampler.create(info.sampleRate, rate);
  const windower = new Windower(plan.windowSamples, plan.hopS, rate, options.start_window ?? 0);
  const totalWindows = windower.count(resampler.outputLength(info.totalFrames));

  type Pending = { first: WindowView[]; result: Promise<InferResult> };
  const inFlight: Pending[] = [];
  let pending: WindowView[] = [];
  const submit = () => {
    if (!pending.length) return;
    const windows = pending;
    pending = [];
    const samples = new Float32Array(windows.length * plan.windowSamples);
    windows.forEach((w, i) => samples.set(w.samples, i * plan.windowSamples));
    for (const w of windows) w.samples = EMPTY; // the copy above is what goes to the worker
    const result = inferBatch(pool, spec, windows.length, samples, signal);
    result.catch(() => undefined); // awaited below; this only stops an "unhandled rejection" on abort
    inFlight.push({ first: windows, result });
  };
  const take = (views: WindowView[]) => {
    for (const v of views) {
      pending.push(v);
      if (pending.length >= batchSize) submit();
    }
  };
  const collect = async (p: Pending): Promise<AnalyzeBatch> => toBatch(p.first, await p.result, model, plan, rate, info.durationS, totalWindows);

  try {
    for await (const chunk of source.stream({ channel, signal, chunkFrames: options.chunk_frames })) {
      take(windower.push(resampler.push(chunk.samples)));
      while (inFlight.length >= maxInFlight) yield await collect(inFlight.shift()!);
    }
    signal?.throwIfAborted();
    const tail = resampler.finish();
    take(windower.push(tail));
    take(windower.finish(resampler.outputLength(resampler.consumedFrames)));
    submit();
    while (inFlight.length) yield await collect(inFlight.shift()!);
  } finally {
    resampler.close();
  }
}

const EMPTY = new Float32Array(0);

function toBatch(
  views: WindowView[],
  result: InferResult,
  model: ValidatedModel,
  plan: RunPlan,
  rate: number,
  durationS: number,
  totalWindows: number,
): AnalyzeBatch {
  const k = model.labels.length;
  const d = result.embedding ? result.embedding.length / views.length : 0;
  const windows: ScoredWindow[] = [];
  const predictions: Prediction[] = [];
  views.forEach((v, i) => {
    const start_s = v.startSample / rate;
    const end_s = Math.min(start_s + plan.windowS, durationS);
    const scores = result.scores.subarray(i * k, (i + 1) * k);
    const w: ScoredWindow = { index: v.index, start_s, end_s, scores };
    if (result.embedding) w.embedding = result.embedding.subarray(i * d, (i + 1) * d);
    windows.push(w);
    for (const j of plan.keep) {
      if (scores[j] >= plan.minScore) predictions.push({ window: v.index, start_s, end_s, label: model.labels[j], score: scores[j] });
    }
  });
  const last = windows.at(-1);
  return { windows, predictions, done_s: last ? last.end_s : 0, total_windows: totalWindows };
}
