import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetProgress } from '../../../shared/contract-dataset';
import { EarmarkError } from '../../../shared/errors';
import { openAudioSource } from '../../audio/decode/open';
import type { AudioSource } from '../../audio/source';
import { ClipNamer, sanitise } from './clip-name';
import { cutClips } from './cut-clip';
import { MANIFEST_CSV, MANIFEST_JSON, manifestCsv, manifestJson, manifestRow, type ManifestRow } from './manifest';
import { stageOutputFolder } from './output-folder';
import type { DatasetPlan, PlannedClip } from './plan';
import { encodeWav16 as encode } from './wav-writer';

// Step 2 of a training-set export: cut and write the planned clips. Layout (what Keras'
// audio_dataset_from_directory, torchvision's DatasetFolder and BirdNET-Analyzer's trainer read):
//   <out>/<split>/<label>/<recording>_<start>_<label>.wav, plus <out>/manifest.csv and manifest.json.
// Clips of one recording are read in time order through one open source (a long FLAC or MP3 is
// decoded once front to back rather than re-opened per clip), nearby clips as one span (cut-clip.ts).

export type WriteProgress = Omit<DatasetProgress, 'export_id' | 'state' | 'out_dir' | 'error'>;

export interface WriteOptions {
  outDir: string;
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: WriteProgress) => void;
  /** For the manifest. */
  projectPath: string;
  /** Names the staging folder; random when omitted. */
  id?: string;
}

export interface WriteResult {
  out_dir: string;
  clips: number;
  seconds: number;
}

/** Thrown when the signal aborts; the staging folder is gone by the time it reaches the caller. */
export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

function aborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new ExportCancelled();
}

export async function writeDataset(plan: DatasetPlan, o: WriteOptions): Promise<WriteResult> {
  const folder = stageOutputFolder(o.outDir, o.force ?? false, o.id);
  const started = performance.now();
  const total = plan.clips.length;
  const rows: ManifestRow[] = [];
  const namer = new ClipNamer();
  const made = new Set<string>();
  const channel = plan.options.channel;
  const writes = new WriteQueue(8);
  let done = 0;
  const report = () => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    o.onProgress?.({ done, total, rate, eta_s: rate > 0 ? (total - done) / rate : null });
  };
  try {
    report();
    for (const clips of byRecording(plan.clips)) {
      aborted(o.signal);
      const recording = clips[0].recording;
      let source: AudioSource;
      try {
        source = await openAudioSource(recording.path);
      } catch (error) {
        throw naming(error, recording.path);
      }
      try {
        const outRate = plan.options.sample_rate ?? source.info.sampleRate;
        for await (const { clip, samples } of cutClips(source, clips, channel, outRate)) {
          aborted(o.signal);
          const dir = `${clip.split}/${sanitise(clip.label)}`;
          if (!made.has(dir)) {
            mkdirSync(join(folder.staging, dir), { recursive: true });
            made.add(dir);
          }
          const name = namer.name(dir, recording.name, clip.start_s, clip.label);
          await writes.add(writeFile(join(folder.staging, dir, name), encode(samples, outRate)));
          rows.push(manifestRow(clip, `${dir}/${name}`, outRate, channel));
          done++;
          report();
        }
      } catch (error) {
        throw naming(error, recording.path);
      } finally {
        await source.close();
      }
    }
    await writes.drain();
    aborted(o.signal);
    const created = new Date().toISOString();
    await writeFile(join(folder.staging, MANIFEST_CSV), manifestCsv(rows));
    // Last file written: a folder with manifest.json is complete (and only then renamed into place).
    await writeFile(
      join(folder.staging, MANIFEST_JSON),
      manifestJson(plan, { project: o.projectPath, created_at: created, earmark: process.env.npm_package_version ?? '0.1.0' }),
    );
    await folder.commit();
    return { out_dir: folder.out, clips: done, seconds: plan.summary.total_s };
  } catch (error) {
    await writes.drain().catch(() => undefined); // no write may land after the staging folder is gone
    await folder.discard();
    throw error;
  }
}

/** A decode or write failure names the recording it happened on (cancels pass through unchanged). */
function naming(error: unknown, path: string): unknown {
  if (error instanceof ExportCancelled) return error;
  const message = (error as Error).message ?? String(error);
  if (message.includes(path)) return error;
  return new EarmarkError(error instanceof EarmarkError ? error.code : 'IO', `${path}: ${message}`);
}

function* byRecording(clips: PlannedClip[]): Generator<PlannedClip[]> {
  let group: PlannedClip[] = [];
  for (const clip of clips) {
    if (group.length && group[0].recording.id !== clip.recording.id) {
      yield group;
      group = [];
    }
    group.push(clip);
  }
  if (group.length) yield group;
}

/**
 * Clip files are written while the next clip is cut (the disk and the CPU overlap); at most `limit`
 * writes are in flight so memory stays bounded. A failed write fails the export at the next add/drain.
 */
class WriteQueue {
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(private readonly limit: number) {}

  async add(write: Promise<void>): Promise<void> {
    const tracked: Promise<void> = write
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
    if (this.pending.size >= this.limit) await Promise.race(this.pending);
    if (this.failure) throw this.failure;
  }

  async drain(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failure) throw this.failure;
  }
}
