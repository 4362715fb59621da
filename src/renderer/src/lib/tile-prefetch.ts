import { levelForZoom, mediaPaths, type SpectrogramInfo } from '../../../shared/spectrogram';
import { fetchBytes } from './api';
import { Lru } from './lru';
import { visibleTiles, type TileInfo } from './tile-geometry';

// Tiles fetched ahead of time for a clip about to be shown (the review loop's next item). The painter
// takes a tile from here before asking the server; taking removes it, so the painter's own capped
// cache stays the only long-lived copy.

/** bytes is set once the fetch is done, so the painter's first paint of the clip can use it synchronously. */
interface Prefetched {
  promise: Promise<ArrayBuffer>;
  bytes: ArrayBuffer | null;
}
const store = new Lru<string, Prefetched>(48);

/** Same cap as the Player's zoom, so the level chosen here is the one the painter will choose. */
const MAX_PX_PER_SEC = 5000;

/** The tiles (level, index) the painter will want for [startS, endS] fitted to a view this wide. */
export function clipTiles(
  info: TileInfo & { duration_s: number },
  startS: number,
  endS: number,
  widthCss: number,
  dpr: number,
): Array<[number, number]> {
  if (widthCss <= 0 || info.duration_s <= 0) return [];
  const fit = widthCss / info.duration_s;
  const pxPerSec = Math.max(fit, Math.min(MAX_PX_PER_SEC, widthCss / Math.max(1e-3, endS - startS)));
  const view = { startS, pxPerSec: pxPerSec * dpr, widthPx: Math.round(widthCss * dpr) };
  const level = levelForZoom(info, view.pxPerSec);
  const out: Array<[number, number]> = visibleTiles(info, level, view).map((i) => [level, i]);
  // The one top-level tile the painter always draws under missing ones.
  if (level !== info.levels - 1) out.push([info.levels - 1, 0]);
  return out;
}

export function prefetchTiles(info: SpectrogramInfo, tiles: Array<[number, number]>): void {
  for (const [level, index] of tiles) {
    const url = mediaPaths.tile(info.recording_id, info.fft_size, level, index);
    if (store.has(url)) continue;
    const entry: Prefetched = { promise: fetchBytes(url), bytes: null };
    entry.promise.then(
      (bytes) => (entry.bytes = bytes),
      () => store.delete(url),
    );
    store.set(url, entry);
  }
}

/** A prefetched tile's bytes, handed over once; undefined when it was not prefetched. */
export function takePrefetched(url: string): Promise<ArrayBuffer> | undefined {
  const entry = store.get(url);
  if (entry) store.delete(url);
  return entry?.promise;
}

/**
 * A prefetched tile whose bytes have arrived, handed over once; undefined otherwise. Taking it inside a
 * paint draws the clip's tiles in its first frame instead of a frame after a promise settles (issue 4:
 * moving on to the next clip in under 100 ms).
 */
export function takeArrived(url: string): ArrayBuffer | undefined {
  const bytes = store.get(url)?.bytes ?? undefined;
  if (bytes) store.delete(url);
  return bytes;
}
