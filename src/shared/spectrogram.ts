import { z } from 'zod';

// The spectrogram tile pyramid, shared by the Node side that computes tiles and the renderer that
// draws them (../shared/LONG-RECORDINGS.md, "A tile design that worked").
//
// Geometry: FFT frames of `fft_size` samples, hop `hop` samples. Base column k (level 0) is the frame
// CENTRED on sample k * hop (the signal is zero-padded before 0 and after the end). Column c of level L
// is the per-bin maximum of base columns [c * 2^L, (c + 1) * 2^L) — max, not mean, so clicks and bat
// calls stay visible in the overview. A tile holds TILE_COLUMNS columns of one level; tile i of level L
// starts at column i * TILE_COLUMNS of that level. Tile bytes are column-major: each column is `bins`
// bytes, lowest frequency first; byte b means b / 255 * (db_ceil - db_floor) + db_floor dB (absolute,
// never normalised per tile). The last tile of a level may hold fewer columns.

export const TILE_COLUMNS = 256;
export const FFT_SIZES = [256, 512, 1024, 2048, 4096] as const;
export const DEFAULT_FFT_SIZE = 1024;
export const DB_FLOOR = -120;
export const DB_CEIL = 0;

export const SpectrogramInfo = z.object({
  recording_id: z.number().int(),
  sample_rate: z.number().int(),
  duration_s: z.number(),
  total_samples: z.number().int(),
  fft_size: z.number().int(),
  hop: z.number().int(),
  bins: z.number().int(),
  /** Number of base (level 0) columns. */
  columns: z.number().int(),
  /** Levels 0 .. levels - 1; the top level fits in one tile. */
  levels: z.number().int(),
  tile_columns: z.number().int(),
  db_floor: z.number(),
  db_ceil: z.number(),
  /** Peaks (min/max pairs) per second served by the peaks endpoint. */
  peaks_per_second: z.number(),
  /** The background pass that fills the cache; visible tiles never wait for it. */
  cache: z.object({ state: z.enum(['pending', 'running', 'done', 'failed']), progress: z.number() }),
});
export type SpectrogramInfo = z.infer<typeof SpectrogramInfo>;

/** Hop for an FFT size: half a frame keeps an hour at 48 kHz near 170 MB of level-0 bytes. */
export function hopFor(fftSize: number): number {
  return fftSize / 2;
}

export function levelCount(baseColumns: number): number {
  let levels = 1;
  let cols = baseColumns;
  while (cols > TILE_COLUMNS) {
    cols = Math.ceil(cols / 2);
    levels++;
  }
  return levels;
}

export function columnsAtLevel(baseColumns: number, level: number): number {
  return Math.ceil(baseColumns / 2 ** level);
}

export function tilesAtLevel(baseColumns: number, level: number): number {
  return Math.ceil(columnsAtLevel(baseColumns, level) / TILE_COLUMNS);
}

/** Seconds covered by one column at a level. */
export function columnSeconds(info: Pick<SpectrogramInfo, 'hop' | 'sample_rate'>, level: number): number {
  return (info.hop * 2 ** level) / info.sample_rate;
}

/**
 * Time span drawn for a tile: a base column is centred on its sample, so a column at level L spans
 * from half a base column before its first base column (the trap in LONG-RECORDINGS.md: draw tiles
 * half a column earlier, or the image drifts).
 */
export function tileTimeSpan(
  info: Pick<SpectrogramInfo, 'hop' | 'sample_rate'>,
  level: number,
  index: number,
  columnsInTile: number = TILE_COLUMNS,
): { start_s: number; end_s: number } {
  const colS = columnSeconds(info, level);
  const half = info.hop / info.sample_rate / 2;
  const start = index * TILE_COLUMNS * colS - half;
  return { start_s: start, end_s: start + columnsInTile * colS };
}

/** The coarsest level whose columns are no wider than one device pixel at this zoom. */
export function levelForZoom(
  info: Pick<SpectrogramInfo, 'hop' | 'sample_rate' | 'levels'>,
  devicePixelsPerSecond: number,
): number {
  const secondsPerPixel = 1 / devicePixelsPerSecond;
  let level = 0;
  while (level + 1 < info.levels && columnSeconds(info, level + 1) <= secondsPerPixel) level++;
  return level;
}

export const mediaPaths = {
  audio: (id: number) => `/media/audio/${id}`,
  peaks: (id: number) => `/media/peaks/${id}`,
  tile: (id: number, fftSize: number, level: number, index: number) =>
    `/media/tile/${id}?fft=${fftSize}&level=${level}&index=${index}`,
};
