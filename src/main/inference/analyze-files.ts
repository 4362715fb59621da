import { EarmarkError, type ErrorCode } from '../../shared/errors';
import { openAudioSource } from '../audio/decode/open';
import type { AudioSource } from '../audio/source';
import type { WorkerPool } from '../workers/pool';
import { analyzeRecording, type AnalyzeBatch, type AnalyzeOptions } from './analyze';
import type { ValidatedModel } from './validate';

// Several recordings through one model, a few at a time over one worker pool (while one file waits
// for its decode, another's windows keep the workers busy). A file that fails is reported with its
// reason and the others go on (issue 3); cancelling stops everything.

export interface FileJob {
  path: string;
  /** Resume point for this file (see AnalyzeOptions.start_window). */
  start_window?: number;
}

export interface FileOutcome {
  path: string;
  ok: boolean;
  windows: number;
  predictions: number;
  duration_s: number;
  error?: { code: ErrorCode; message: string };
}

export interface AnalyzeFilesOptions extends Omit<AnalyzeOptions, 'start_window'> {
  /** Files analysed at once (default: the pool's size). */
  concurrency?: number;
  /** Opens a recording; defaults to openAudioSource (tests and the lead may pass their own). */
  open?: (path: string) => Promise<AudioSource>;
  onFileStart?: (path: string, source: AudioSource) => void;
  /** Called (and awaited) as each file ends, before the next one starts: a run marks it done or failed there. */
  onFileDone?: (outcome: FileOutcome) => void | Promise<void>;
}

/**
 * Runs `model` over every job. `onBatch` receives each file's batches in window order and is awaited
 * (store them in one transaction per batch there); a failure inside onBatch fails that file only.
 */
export async function analyzeFiles(
  jobs: FileJob[],
  model: ValidatedModel,
  options: AnalyzeFilesOptions,
  pool: WorkerPool,
  onBatch: (path: string, batch: AnalyzeBatch) => void | Promise<void>,
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(jobs.length);
  const open = options.open ?? openAudioSource;
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      outcomes[i] = await one(jobs[i]);
      await options.onFileDone?.(outcomes[i]);
    }
  };
  const one = async (job: FileJob): Promise<FileOutcome> => {
    const outcome: FileOutcome = { path: job.path, ok: false, windows: 0, predictions: 0, duration_s: 0 };
    let source: AudioSource | null = null;
    try {
      source = await open(job.path);
      outcome.duration_s = source.info.durationS;
      options.onFileStart?.(job.path, source);
      for await (const batch of analyzeRecording(source, model, { ...options, start_window: job.start_window }, pool)) {
        outcome.windows += batch.windows.length;
        outcome.predictions += batch.predictions.length;
        await onBatch(job.path, batch);
      }
      outcome.ok = true;
    } catch (e) {
      if (options.signal?.aborted) throw options.signal.reason ?? e;
      outcome.error = describeFailure(job.path, e);
    } finally {
      await source?.close().catch(() => undefined);
    }
    return outcome;
  };
  const n = Math.max(1, Math.min(options.concurrency ?? pool.size, jobs.length));
  await Promise.all(Array.from({ length: n }, worker));
  return outcomes;
}

/** A failure as data; anything that is not an EarmarkError is a decoder giving up on the file. */
export function describeFailure(path: string, e: unknown): { code: ErrorCode; message: string } {
  if (e instanceof EarmarkError) return { code: e.code, message: e.message };
  const why = e instanceof Error ? e.message : String(e);
  return { code: 'BROKEN_AUDIO', message: `${path}: ${why}` };
}
