import { EarmarkError } from '../../../shared/errors';
import {
  DB_CEIL,
  DB_FLOOR,
  DEFAULT_FFT_SIZE,
  FFT_SIZES,
  hopFor,
  levelCount,
  TILE_COLUMNS,
  tilesAtLevel,
  type SpectrogramInfo,
} from '../../../shared/spectrogram';
import { openAudioSource } from '../decode/open';
import { readCachedPeaks, writeCachedPeaks } from '../peaks/peaks-cache';
import { peaksLayout, type PeaksLayout } from '../peaks/peaks';
import type { AudioSourceInfo } from '../source';
import { WorkerPool } from '../../workers/pool';
import { resolveWorkerEntry } from '../../workers/worker-entry';
import { BackgroundPass, type CacheState } from './background-pass';
import { ByteLru } from './byte-lru';
import { fftDir, hasFinishedPass, readTileFromDisk, recordingCacheDir } from './cache';
import type { Geometry } from './compute';
import type { PeaksRequest, TileRequest } from './worker';

// Peaks and spectrogram tiles for the media handler (../shared/LONG-RECORDINGS.md). Order of lookup for
// a tile: exact bytes on disk (finished pass, or the part a running pass has written) -> memory LRU ->
// computed now in a worker (coalesced per tile). Only the default FFT size gets a disk pass; other
// sizes are always on demand.

export interface RecordingRef {
  id: number;
  path: string;
  fingerprint: string;
}

export type CacheStateEvent = { recording_id: number; state: CacheState; progress: number };

const LRU_BYTES = 96 << 20;

interface PassEntry {
  pass: BackgroundPass | null;
  done: Promise<void>;
}

export class SpectrogramService {
  private readonly cacheDir: string;
  private readonly pool: WorkerPool;
  private readonly audio = new Map<string, Promise<AudioSourceInfo>>();
  private readonly passes = new Map<string, PassEntry>();
  private readonly lru = new ByteLru<Uint8Array>(LRU_BYTES);
  private readonly inflight = new Map<string, Promise<Uint8Array>>();
  private readonly peaksInflight = new Map<string, Promise<Float32Array>>();
  private readonly listeners = new Set<(e: CacheStateEvent) => void>();
  private readonly writes = new Set<Promise<unknown>>();
  private readonly finished = new Set<string>();
  private readonly abort = new AbortController();
  private closed = false;

  constructor(options: { cacheDir: string; workers?: number }) {
    this.cacheDir = options.cacheDir;
    this.pool = new WorkerPool({
      entry: resolveWorkerEntry('spectrogram-worker', 'audio/spectrogram/worker.ts'),
      size: options.workers ?? 2,
      name: 'spectrogram',
    });
  }

  async info(rec: RecordingRef, fftSize: number): Promise<SpectrogramInfo> {
    // info() precedes the first tiles and peaks: start the workers while the renderer lays out.
    this.pool.warm();
    const g = await this.geometry(rec, fftSize);
    const audio = await this.audioInfo(rec);
    const pass = this.passes.get(rec.fingerprint)?.pass;
    return {
      recording_id: rec.id,
      sample_rate: audio.sampleRate,
      duration_s: audio.durationS,
      total_samples: audio.totalFrames,
      fft_size: fftSize,
      hop: g.hop,
      bins: g.bins,
      columns: g.columns,
      levels: levelCount(g.columns),
      tile_columns: TILE_COLUMNS,
      db_floor: DB_FLOOR,
      db_ceil: DB_CEIL,
      peaks_per_second: peaksLayout(audio.totalFrames, audio.sampleRate).peaksPerSecond,
      // The recording's one background pass (default FFT size); other sizes are served on demand.
      cache: pass
        ? { state: pass.state, progress: pass.progress }
        : (await this.finishedOnDisk(rec))
          ? { state: 'done', progress: 1 }
          : { state: 'pending', progress: 0 },
    };
  }

  async tile(rec: RecordingRef, fftSize: number, level: number, index: number): Promise<Uint8Array> {
    const g = await this.geometry(rec, fftSize);
    const levels = levelCount(g.columns);
    if (!Number.isInteger(level) || level < 0 || level >= levels) {
      throw new EarmarkError('NOT_FOUND', `Spectrogram level ${level} does not exist for ${rec.path}: it has levels 0 to ${levels - 1}`);
    }
    const tiles = tilesAtLevel(g.columns, level);
    if (!Number.isInteger(index) || index < 0 || index >= tiles) {
      throw new EarmarkError('NOT_FOUND', `Spectrogram tile ${index} of level ${level} does not exist for ${rec.path}: it has tiles 0 to ${tiles - 1}`);
    }
    if (fftSize === DEFAULT_FFT_SIZE) {
      const dir = fftDir(recordingCacheDir(this.cacheDir, rec.fingerprint), fftSize);
      const pass = this.passes.get(rec.fingerprint)?.pass;
      if (pass ? pass.onDisk(level, index) : await this.finishedOnDisk(rec)) return readTileFromDisk(dir, g, level, index);
    }
    const key = `${rec.fingerprint}/${fftSize}/${level}/${index}`;
    const cached = this.lru.get(key);
    if (cached) return cached.slice();
    let job = this.inflight.get(key);
    if (!job) {
      const req: TileRequest = { path: rec.path, geometry: g, level, index };
      job = this.pool.run<Uint8Array>('tile', req).then((bytes) => {
        this.lru.set(key, bytes);
        return bytes;
      });
      job.then(
        () => this.inflight.delete(key),
        () => this.inflight.delete(key),
      );
      this.inflight.set(key, job);
    }
    return (await job).slice();
  }

  async peaks(rec: RecordingRef): Promise<Float32Array> {
    const audio = await this.audioInfo(rec);
    const layout = peaksLayout(audio.totalFrames, audio.sampleRate);
    const dir = recordingCacheDir(this.cacheDir, rec.fingerprint);
    const cached = await readCachedPeaks(dir, layout);
    if (cached) return cached;
    let job = this.peaksInflight.get(rec.fingerprint);
    if (!job) {
      job = this.computePeaks(rec, audio, layout).then(async (peaks) => {
        // Kept in flight until written, so a second caller reads the file instead of recomputing.
        // A cache that cannot be written is only slower.
        await this.track(writeCachedPeaks(dir, layout, peaks).catch(() => undefined));
        return peaks;
      });
      const j = job;
      j.then(
        () => this.peaksInflight.delete(rec.fingerprint),
        () => this.peaksInflight.delete(rec.fingerprint),
      );
      this.peaksInflight.set(rec.fingerprint, j);
    }
    return (await job).slice();
  }

  /**
   * The waveform of the first screen waits for this pass, so WAV files (random access) are split across
   * every worker; other formats decode from the start and run in one worker.
   */
  private async computePeaks(rec: RecordingRef, audio: AudioSourceInfo, layout: PeaksLayout): Promise<Float32Array> {
    const parts = audio.format === 'wav' && layout.buckets >= 10_000 ? this.pool.size : 1;
    if (parts === 1) return this.pool.run<Float32Array>('peaks', { path: rec.path, layout } satisfies PeaksRequest);
    const per = Math.ceil(layout.buckets / parts);
    const ranges = Array.from({ length: parts }, (_, i) => ({ first: i * per, end: Math.min(layout.buckets, (i + 1) * per) }));
    const pieces = await Promise.all(
      ranges.map((range) => this.pool.run<Float32Array>('peaks', { path: rec.path, layout, range } satisfies PeaksRequest)),
    );
    const peaks = new Float32Array(layout.buckets);
    pieces.forEach((piece, i) => peaks.set(piece, ranges[i].first));
    return peaks;
  }

  ensureBackgroundPass(rec: RecordingRef): void {
    if (this.closed || this.passes.has(rec.fingerprint)) return;
    const entry: PassEntry = { pass: null, done: Promise.resolve() };
    this.passes.set(rec.fingerprint, entry);
    entry.done = this.track(
      (async () => {
        let g: Geometry;
        try {
          g = await this.geometry(rec, DEFAULT_FFT_SIZE);
        } catch {
          // Unreadable audio: tile() and info() raise the error itself; listeners learn the pass failed.
          this.emit({ recording_id: rec.id, state: 'failed', progress: 0 });
          return;
        }
        const dir = fftDir(recordingCacheDir(this.cacheDir, rec.fingerprint), DEFAULT_FFT_SIZE);
        entry.pass = new BackgroundPass(this.pool, rec.path, dir, g, levelCount(g.columns), (p) =>
          this.emit({ recording_id: rec.id, state: p.state, progress: p.progress }),
        );
        await entry.pass.run(this.abort.signal);
        if (entry.pass.state === 'done') this.finished.add(rec.fingerprint);
      })(),
    );
  }

  onCacheState(listener: (e: CacheStateEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops passes and workers; resolves when cache writes in progress have ended. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    await this.pool.close();
    await Promise.allSettled([...this.writes]);
  }

  /** Test and bench hook: the pass promise of a recording, if one was started. */
  passFinished(rec: RecordingRef): Promise<void> | null {
    return this.passes.get(rec.fingerprint)?.done ?? null;
  }

  private emit(e: CacheStateEvent): void {
    if (this.closed) return;
    for (const l of this.listeners) l(e);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.writes.add(p);
    const drop = () => this.writes.delete(p);
    p.then(drop, drop);
    return p;
  }

  /** A finished pass left by this or an earlier run (remembered once seen: caches are never undone). */
  private async finishedOnDisk(rec: RecordingRef): Promise<boolean> {
    if (this.finished.has(rec.fingerprint)) return true;
    const g = await this.geometry(rec, DEFAULT_FFT_SIZE);
    const dir = fftDir(recordingCacheDir(this.cacheDir, rec.fingerprint), DEFAULT_FFT_SIZE);
    const ok = await hasFinishedPass(dir, g, levelCount(g.columns));
    if (ok) this.finished.add(rec.fingerprint);
    return ok;
  }

  private audioInfo(rec: RecordingRef): Promise<AudioSourceInfo> {
    let p = this.audio.get(rec.fingerprint);
    if (!p) {
      p = openAudioSource(rec.path).then(async (s) => {
        const info = s.info;
        await s.close();
        return info;
      });
      this.audio.set(rec.fingerprint, p);
      p.catch(() => this.audio.delete(rec.fingerprint));
    }
    return p;
  }

  private async geometry(rec: RecordingRef, fftSize: number): Promise<Geometry> {
    if (!(FFT_SIZES as readonly number[]).includes(fftSize)) {
      throw new EarmarkError('BAD_INPUT', `FFT size ${fftSize} is not supported: use one of ${FFT_SIZES.join(', ')}`);
    }
    const audio = await this.audioInfo(rec);
    const hop = hopFor(fftSize);
    return {
      fftSize,
      hop,
      bins: fftSize / 2,
      // Columns whose centre lies inside the file (at least one, so an empty file still has a tile).
      columns: Math.max(1, Math.ceil(audio.totalFrames / hop)),
      totalFrames: audio.totalFrames,
    };
  }
}
