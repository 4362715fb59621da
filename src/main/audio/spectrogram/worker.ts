import { closeSync, openSync } from 'node:fs';
import { openAudioSource } from '../decode/open';
import { computePeaks, type BucketRange, type PeaksLayout } from '../peaks/peaks';
import type { AudioSource } from '../source';
import { serveWorker, type TaskContext } from '../../workers/serve';
import { computeTile, streamColumns, type Geometry } from './compute';
import { levelFile } from './cache';
import { buildPyramid, writeAll } from './pyramid';
import { TILE_COLUMNS } from '../../../shared/spectrogram';

// The spectrogram worker (built as out/main/spectrogram-worker.js). Foreground calls: `tile`, `peaks`.
// Background calls: `level0` (one contiguous column range of the whole-file pass, written in place into
// L0.bin) and `pyramid`; they yield between blocks so tiles requested meanwhile go first.

export interface TileRequest {
  path: string;
  geometry: Geometry;
  level: number;
  index: number;
}
export interface PeaksRequest {
  path: string;
  layout: PeaksLayout;
  range?: BucketRange;
}
export interface Level0Request {
  path: string;
  geometry: Geometry;
  dir: string;
  first: number;
  end: number;
}
/** Progress of a level0 call: base columns [first, first + done) are on disk. */
export interface Level0Progress {
  done: number;
}
export interface PyramidRequest {
  dir: string;
  geometry: Geometry;
  levels: number;
}

// Tiles of one recording come in bursts: keep its source open briefly instead of reopening per tile.
const IDLE_CLOSE_MS = 5000;
const sources = new Map<string, { source: Promise<AudioSource>; timer: NodeJS.Timeout | null; users: number }>();

async function withSource<T>(path: string, use: (s: AudioSource) => Promise<T>): Promise<T> {
  let entry = sources.get(path);
  if (!entry) {
    entry = { source: openAudioSource(path), timer: null, users: 0 };
    sources.set(path, entry);
    entry.source.catch(() => sources.delete(path));
  }
  const e = entry;
  if (e.timer) clearTimeout(e.timer);
  e.timer = null;
  e.users++;
  try {
    return await use(await e.source);
  } finally {
    if (--e.users === 0) {
      e.timer = setTimeout(() => {
        sources.delete(path);
        void e.source.then((s) => s.close()).catch(() => undefined);
      }, IDLE_CLOSE_MS);
      e.timer.unref();
    }
  }
}

async function closeAll(): Promise<void> {
  const all = [...sources.values()];
  sources.clear();
  await Promise.all(all.map(async (e) => (e.timer && clearTimeout(e.timer), (await e.source).close())));
}

/** Long passes open their own source: a decoder's stream state must not be shared with tile reads. */
async function withOwnSource<T>(path: string, use: (s: AudioSource) => Promise<T>): Promise<T> {
  const source = await openAudioSource(path);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

serveWorker(
  {
    tile: (req: TileRequest) => withSource(req.path, (s) => computeTile(s, req.geometry, req.level, req.index)),
    peaks: (req: PeaksRequest, ctx: TaskContext) =>
      withOwnSource(req.path, (s) => computePeaks(s, req.layout, { signal: ctx.signal, range: req.range })),
    level0: (req: Level0Request, ctx: TaskContext) =>
      withOwnSource(req.path, async (s) => {
        const { bins } = req.geometry;
        const fd = openSync(levelFile(req.dir, 0), 'r+');
        try {
          await streamColumns(
            s,
            req.geometry,
            req.first,
            req.end,
            TILE_COLUMNS,
            async (first, bytes, count) => {
              writeAll(fd, bytes, count * bins, first * bins);
              ctx.progress({ done: first + count - req.first } satisfies Level0Progress);
              await ctx.yieldToForeground();
            },
            ctx.signal,
          );
        } finally {
          closeSync(fd);
        }
        return null;
      }),
    pyramid: async (req: PyramidRequest, ctx: TaskContext) => {
      await buildPyramid(req.dir, req.geometry.columns, req.geometry.bins, req.levels, async (levelDone) => {
        ctx.progress(levelDone);
        await ctx.yieldToForeground();
      });
      return null;
    },
  },
  { onClose: closeAll },
);
