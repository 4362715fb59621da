import { mkdir } from 'node:fs/promises';
import { TILE_COLUMNS, tilesAtLevel } from '../../../shared/spectrogram';
import type { WorkerPool } from '../../workers/pool';
import { allocateLevelFile, clearPassState, hasFinishedPass, writePassState } from './cache';
import type { Geometry } from './compute';
import type { Level0Progress, Level0Request, PyramidRequest } from './worker';

// The whole-file pass for one recording at the default FFT size: level 0 split into one contiguous,
// tile-aligned column range per worker (each writes its range of L0.bin in place), then the max
// pyramid. It runs as background calls, so visible tiles computed on demand go first; tiles the pass
// has already written are served from disk before it finishes.

export type CacheState = 'pending' | 'running' | 'done' | 'failed';

/** Share of the progress bar for level 0 (the pyramid reads and writes bytes only: fast). */
const LEVEL0_SHARE = 0.95;

interface Range {
  first: number;
  end: number;
  done: number;
}

export class BackgroundPass {
  state: CacheState = 'pending';
  progress = 0;
  error: string | null = null;
  private ranges: Range[] = [];
  private levelsBuilt = 0;
  private pyramidProgress = 0;

  constructor(
    private readonly pool: WorkerPool,
    private readonly path: string,
    readonly dir: string,
    readonly geometry: Geometry,
    readonly levels: number,
    private readonly onChange: (pass: BackgroundPass) => void,
  ) {}

  /** Runs the pass unless a finished one is on disk. Never throws: failure is a state. */
  async run(signal: AbortSignal): Promise<void> {
    const g = this.geometry;
    try {
      if (await hasFinishedPass(this.dir, g, this.levels)) return this.finish();
      this.set('running');
      await mkdir(this.dir, { recursive: true });
      await clearPassState(this.dir);
      await allocateLevelFile(this.dir, 0, g);
      this.ranges = splitTiles(tilesAtLevel(g.columns, 0), this.pool.size, g.columns);
      await Promise.all(
        this.ranges.map((r) =>
          this.pool.run<null>(
            'level0',
            { path: this.path, geometry: g, dir: this.dir, first: r.first, end: r.end } satisfies Level0Request,
            {
              background: true,
              signal,
              onProgress: (p) => {
                r.done = (p as Level0Progress).done;
                this.update();
              },
            },
          ),
        ),
      );
      this.levelsBuilt = 1;
      await this.pool.run<null>('pyramid', { dir: this.dir, geometry: g, levels: this.levels } satisfies PyramidRequest, {
        background: true,
        signal,
        onProgress: (levelDone) => {
          // levelDone counts finished levels above 0, with a fraction for the one in progress.
          this.levelsBuilt = Math.floor((levelDone as number) + 1e-9) + 1;
          this.pyramidProgress = (levelDone as number) / Math.max(1, this.levels - 1);
          this.update();
        },
      });
      signal.throwIfAborted();
      await writePassState(this.dir, g, this.levels);
      this.finish();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      this.set('failed');
    }
  }

  /** Whether this tile's bytes are already exact on disk (while running or done). */
  onDisk(level: number, index: number): boolean {
    if (this.state === 'done') return true;
    if (this.state !== 'running') return false;
    if (level > 0) return level < this.levelsBuilt;
    const first = index * TILE_COLUMNS;
    const end = Math.min(first + TILE_COLUMNS, this.geometry.columns);
    const r = this.ranges.find((x) => first >= x.first && first < x.end);
    return !!r && r.first + r.done >= end;
  }

  private finish(): void {
    this.levelsBuilt = this.levels;
    this.progress = 1;
    this.set('done');
  }

  private set(state: CacheState): void {
    this.state = state;
    this.onChange(this);
  }

  private update(): void {
    const total = this.geometry.columns;
    const done = this.ranges.reduce((n, r) => n + r.done, 0);
    const p = LEVEL0_SHARE * (done / total) + (1 - LEVEL0_SHARE) * this.pyramidProgress;
    // Report whole percents only: a 10-hour pass would otherwise send thousands of events.
    const changed = Math.floor(p * 100) !== Math.floor(this.progress * 100);
    this.progress = Math.min(p, 0.999);
    if (changed) this.onChange(this);
  }
}

/** Splits `tiles` level-0 tiles into `parts` contiguous column ranges aligned to tiles. */
export function splitTiles(tiles: number, parts: number, columns: number): Range[] {
  const out: Range[] = [];
  for (let i = 0; i < parts; i++) {
    const first = Math.floor((i * tiles) / parts) * TILE_COLUMNS;
    const end = Math.min(columns, Math.floor(((i + 1) * tiles) / parts) * TILE_COLUMNS);
    if (end > first) out.push({ first, end, done: 0 });
  }
  return out;
}
