import { tilesAtLevel, tileTimeSpan, type SpectrogramInfo } from '../../../shared/spectrogram';

// Pure geometry for drawing spectrogram tiles onto a viewport-sized canvas, in DEVICE pixels
// (LONG-RECORDINGS.md, "Traps": size and choose levels in device pixels, round tile edges).

export type TileInfo = Pick<SpectrogramInfo, 'hop' | 'sample_rate' | 'columns' | 'levels' | 'fft_size' | 'bins'>;

/** The visible window: its start in seconds, the zoom and the canvas size in device pixels. */
export interface Viewport {
  startS: number;
  /** Device pixels per second. */
  pxPerSec: number;
  widthPx: number;
}

export function viewEnd(view: Viewport): number {
  return view.startS + view.widthPx / view.pxPerSec;
}

/** Indices of the tiles at `level` whose time span meets the viewport. */
export function visibleTiles(info: TileInfo, level: number, view: Viewport): number[] {
  const count = tilesAtLevel(info.columns, level);
  const end = viewEnd(view);
  const out: number[] = [];
  // Every tile spans the same time (but the last); start from an estimate instead of scanning all.
  const tileS = tileTimeSpan(info, level, 1).start_s - tileTimeSpan(info, level, 0).start_s;
  const first = Math.max(0, Math.floor(view.startS / tileS) - 1);
  for (let i = first; i < count; i++) {
    const span = tileTimeSpan(info, level, i);
    if (span.start_s >= end) break;
    if (span.end_s > view.startS) out.push(i);
  }
  return out;
}

/** Horizontal device-pixel edges of a span, both rounded so neighbouring tiles share an edge. */
export function spanToPixels(view: Viewport, startS: number, endS: number): { x0: number; x1: number } {
  return {
    x0: Math.round((startS - view.startS) * view.pxPerSec),
    x1: Math.round((endS - view.startS) * view.pxPerSec),
  };
}

/**
 * The rows of a tile image (row 0 = highest bin, as drawn) that show [minHz, maxHz]. Bin i is centred
 * on i * sampleRate / fftSize, so it covers image rows [bins - 1 - i, bins - i].
 */
export function frequencyRows(
  info: Pick<TileInfo, 'sample_rate' | 'fft_size' | 'bins'>,
  minHz: number,
  maxHz: number,
): { sy: number; sh: number } {
  const binsPerHz = info.fft_size / info.sample_rate;
  const top = Math.max(0, info.bins - 0.5 - maxHz * binsPerHz);
  const bottom = Math.min(info.bins, info.bins - 0.5 - minHz * binsPerHz);
  return { sy: top, sh: Math.max(0, bottom - top) };
}

/** The highest frequency a recording holds (Nyquist). */
export function nyquist(info: Pick<TileInfo, 'sample_rate'>): number {
  return info.sample_rate / 2;
}
