import { levelForZoom, mediaPaths, tileTimeSpan, type SpectrogramInfo } from '../../../shared/spectrogram';
import { fetchBytes } from './api';
import { Lru } from './lru';
import { colourTile } from './tile-pixels';
import { takeArrived, takePrefetched } from './tile-prefetch';
import { frequencyRows, spanToPixels, visibleTiles, type Viewport } from './tile-geometry';

// Draws the spectrogram of the visible window from byte tiles (src/shared/spectrogram.ts). Keeps two
// capped caches: raw tile bytes (small, survive colour changes) and coloured bitmaps of recent tiles
// (4 bytes a pixel, so far fewer). Only the chosen level is fetched; coarser cached tiles are drawn
// underneath meanwhile, so zooming never shows a blank.

interface Tile {
  bytes: Uint8Array;
  columns: number;
}

// Sized for renderer memory (issue 2: < 200 MB): 128 x 128 KB of bytes + 32 x 512 KB of pixels = 32 MB.
const BYTE_TILES = 128;
const IMAGE_TILES = 32;
/** Coarser levels drawn under missing tiles while they load. */
const FALLBACK_LEVELS = 6;
const RETRY_MS = 5000;

export interface PaintResult {
  level: number;
  missing: number;
}

export class SpectrogramPainter {
  private info: SpectrogramInfo | null = null;
  private tiles = new Lru<string, Tile>(BYTE_TILES);
  private images = new Lru<string, OffscreenCanvas>(IMAGE_TILES);
  private inflight = new Map<string, AbortController>();
  private failedAt = new Map<string, number>();
  private lut32: Uint32Array;
  private disposed = false;
  /** Bumped when the tiles' recording or FFT size changes: answers for an older generation are dropped. */
  private generation = 0;

  constructor(
    lut: Uint8ClampedArray,
    /** Called when a tile arrives, so the owner schedules a redraw. */
    private onTile: () => void,
    private onError: (message: string) => void,
  ) {
    this.lut32 = new Uint32Array(lut.buffer.slice(0));
  }

  setInfo(info: SpectrogramInfo): void {
    const prev = this.info;
    this.info = info;
    // A fresh info object for the same tiles (e.g. the cache progress changed) keeps tiles in flight;
    // only another recording or FFT size makes them stale.
    if (!prev || prev.recording_id !== info.recording_id || prev.fft_size !== info.fft_size) {
      this.generation++;
      this.abortAll();
      this.tiles.clear();
      this.images.clear();
      this.failedAt.clear();
    }
  }

  /** A new LUT recolours from cached bytes: no refetch. */
  setLut(lut: Uint8ClampedArray): void {
    this.lut32 = new Uint32Array(lut.buffer.slice(0));
    this.images.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.abortAll();
    this.tiles.clear();
    this.images.clear();
  }

  /** Paints the view onto `ctx` (whose canvas is the viewport, in device pixels). */
  paint(ctx: CanvasRenderingContext2D, view: Viewport, minHz: number, maxHz: number): PaintResult {
    const { width, height } = ctx.canvas;
    const info = this.info;
    ctx.imageSmoothingEnabled = false;
    ctx.fillStyle = '#0b0d10';
    ctx.fillRect(0, 0, width, height);
    if (!info || view.pxPerSec <= 0) return { level: 0, missing: 0 };

    const level = levelForZoom(info, view.pxPerSec);
    const wanted = visibleTiles(info, level, view);
    const top = info.levels - 1;
    const wantedKeys = new Set<string>();
    let missing = 0;
    for (const i of wanted) {
      const key = this.key(level, i);
      wantedKeys.add(key);
      if (this.tiles.has(key)) continue;
      const arrived = takeArrived(mediaPaths.tile(info.recording_id, info.fft_size, level, i));
      if (arrived) this.keep(key, arrived, info.bins);
      else missing++;
    }
    // The one top-level tile is a cheap overview to fall back on anywhere.
    wantedKeys.add(this.key(top, 0));
    this.cancelUnwanted(wantedKeys);

    const rows = frequencyRows(info, minHz, maxHz);
    if (missing > 0) {
      for (let l = Math.min(top, level + FALLBACK_LEVELS); l > level; l--) {
        for (const i of visibleTiles(info, l, view)) this.drawTile(ctx, view, l, i, rows, height);
      }
    }
    for (const i of wanted) this.drawTile(ctx, view, level, i, rows, height);

    for (const i of wanted) this.request(level, i);
    this.request(top, 0);
    return { level, missing };
  }

  private key(level: number, index: number): string {
    return `${level}:${index}`;
  }

  private drawTile(
    ctx: CanvasRenderingContext2D,
    view: Viewport,
    level: number,
    index: number,
    rows: { sy: number; sh: number },
    height: number,
  ): void {
    const info = this.info;
    const key = this.key(level, index);
    const tile = this.tiles.get(key);
    if (!info || !tile || rows.sh <= 0) return;
    let image = this.images.get(key);
    if (!image) {
      image = this.colour(tile, info.bins);
      this.images.set(key, image);
    }
    const span = tileTimeSpan(info, level, index, tile.columns);
    const { x0, x1 } = spanToPixels(view, span.start_s, span.end_s);
    if (x1 <= x0 || x1 < 0 || x0 > ctx.canvas.width) return;
    ctx.drawImage(image, 0, rows.sy, tile.columns, rows.sh, x0, 0, x1 - x0, height);
  }

  /** Column-major bytes (lowest bin first) to an image with the highest bin on row 0. */
  private colour(tile: Tile, bins: number): OffscreenCanvas {
    const { columns, bytes } = tile;
    const px = colourTile(bytes, columns, bins, this.lut32);
    const img = new ImageData(new Uint8ClampedArray(px.buffer as ArrayBuffer), columns, bins);
    const canvas = new OffscreenCanvas(columns, bins);
    const ctx = canvas.getContext('2d');
    if (ctx) ctx.putImageData(img, 0, 0);
    return canvas;
  }

  private request(level: number, index: number): void {
    const info = this.info;
    const key = this.key(level, index);
    if (!info || this.tiles.has(key) || this.inflight.has(key)) return;
    const failed = this.failedAt.get(key);
    if (failed !== undefined && Date.now() - failed < RETRY_MS) return;
    const ctrl = new AbortController();
    this.inflight.set(key, ctrl);
    const generation = this.generation;
    const url = mediaPaths.tile(info.recording_id, info.fft_size, level, index);
    // A tile fetched ahead (the review loop's next clip) is used instead of a second request.
    (takePrefetched(url) ?? fetchBytes(url, ctrl.signal))
      .then((buf) => {
        if (this.disposed || this.generation !== generation) return;
        if (!this.keep(key, buf, info.bins)) throw new Error(`Tile ${url} is empty`);
        this.failedAt.delete(key);
        this.onTile();
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted || this.disposed) return;
        this.failedAt.set(key, Date.now());
        this.onError(`Spectrogram tile failed to load: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => {
        if (this.inflight.get(key) === ctrl) this.inflight.delete(key);
      });
  }

  /** Stores a tile's bytes; false when they hold no whole column. */
  private keep(key: string, buf: ArrayBuffer, bins: number): boolean {
    const bytes = new Uint8Array(buf);
    const columns = Math.floor(bytes.length / bins);
    if (columns <= 0) return false;
    this.tiles.set(key, { bytes, columns });
    return true;
  }

  private cancelUnwanted(wanted: Set<string>): void {
    for (const [key, ctrl] of this.inflight) {
      if (!wanted.has(key)) {
        ctrl.abort();
        this.inflight.delete(key);
      }
    }
  }

  private abortAll(): void {
    for (const ctrl of this.inflight.values()) ctrl.abort();
    this.inflight.clear();
  }
}
