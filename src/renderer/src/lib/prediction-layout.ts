// Pure geometry for the prediction overlay (issue 3, item 6): which predictions meet the view, where their
// boxes go in CSS pixels, and which of them get a text row. It is what keeps the overlay cheap with
// thousands of predictions: a binary search finds the visible ones, narrow boxes of one label that fall
// on the same pixel are drawn once, and text goes to the best-scoring windows first.

export interface Placeable {
  start_s: number;
  end_s: number;
  score: number;
  label_id: number;
}

export interface LayoutView {
  startS: number;
  /** CSS pixels per second. */
  pxPerSec: number;
  /** CSS pixels. */
  width: number;
}

export interface PlacedBox<T> {
  item: T;
  x0: number;
  x1: number;
  /** Text row from the top (0 = top), or -1 when its text did not fit. */
  row: number;
  /** Where its text starts: the box's left edge, kept in view when the box starts off-screen. */
  textX: number;
}

export interface LayoutOptions<T> {
  /** Text rows available at the top of the view. */
  rows: number;
  /** Width in CSS pixels of the item's text pill. */
  textWidth: (item: T) => number;
  /** Pixels kept free between two pills on one row. */
  gap?: number;
}

/** By start time, then best score first (the order of the list panel and of the binary search). */
export function compareByTime(a: Placeable, b: Placeable): number {
  return a.start_s - b.start_s || b.score - a.score || a.end_s - b.end_s;
}

/** The longest item: an item overlapping the view starts at most this long before it. */
export function maxDuration(items: readonly Placeable[]): number {
  let m = 0;
  for (const it of items) m = Math.max(m, it.end_s - it.start_s);
  return m;
}

/** First index whose start is >= t in a list sorted by start. */
export function lowerBound(sorted: readonly Placeable[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].start_s < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Items (sorted by start) whose span meets [startS, endS), in time order. */
export function visibleItems<T extends Placeable>(sorted: readonly T[], maxDur: number, startS: number, endS: number): T[] {
  const out: T[] = [];
  for (let i = lowerBound(sorted, startS - maxDur); i < sorted.length; i++) {
    const it = sorted[i];
    if (it.start_s >= endS) break;
    if (it.end_s > startS) out.push(it);
  }
  return out;
}

/** Cell size of the row occupancy maps: coarse enough to be cheap, fine enough not to waste room. */
const CELL = 4;

export function layoutBoxes<T extends Placeable>(
  sorted: readonly T[],
  maxDur: number,
  view: LayoutView,
  opts: LayoutOptions<T>,
): PlacedBox<T>[] {
  if (view.pxPerSec <= 0 || view.width <= 0) return [];
  const endS = view.startS + view.width / view.pxPerSec;
  const boxes: PlacedBox<T>[] = [];
  // Narrow boxes of the same label on the same pixel column look identical: keep the first (best) one.
  const lastColumn = new Map<number, number>();
  // The loop of visibleItems, inlined: at a whole-file zoom it runs over every prediction.
  for (let i = lowerBound(sorted, view.startS - maxDur); i < sorted.length; i++) {
    const item = sorted[i];
    if (item.start_s >= endS) break;
    if (item.end_s <= view.startS) continue;
    const x0 = (item.start_s - view.startS) * view.pxPerSec;
    const x1 = (item.end_s - view.startS) * view.pxPerSec;
    if (x1 - x0 < 2) {
      const col = Math.round(x0);
      if (lastColumn.get(item.label_id) === col) continue;
      lastColumn.set(item.label_id, col);
    }
    // Clamped so a long box never asks the canvas for coordinates far outside it.
    boxes.push({ item, x0: Math.max(-2, x0), x1: Math.min(view.width + 2, x1), row: -1, textX: Math.max(0, x0) + 2 });
  }
  placeText(boxes, view.width, opts);
  return boxes;
}

/** Gives rows to the best-scoring boxes first; a pill goes on the first row where it does not collide. */
function placeText<T extends Placeable>(boxes: PlacedBox<T>[], width: number, opts: LayoutOptions<T>): void {
  if (opts.rows <= 0 || boxes.length === 0) return;
  const cells = Math.ceil(width / CELL) + 1;
  const rows = Array.from({ length: opts.rows }, () => new Uint8Array(cells));
  const gap = opts.gap ?? 3;
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[b].item.score - boxes[a].item.score || a - b);
  let free = opts.rows * cells;
  // Rows full but for gaps narrower than a pill: after this many misses in a row, stop trying.
  let misses = 0;
  for (const i of order) {
    if (free <= 0 || misses > 256) break;
    const box = boxes[i];
    if (box.textX >= width) continue;
    const c0 = Math.floor(box.textX / CELL);
    const c1 = Math.min(cells - 1, Math.ceil((box.textX + opts.textWidth(box.item) + gap) / CELL));
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      let clear = true;
      for (let c = c0; c <= c1; c++) {
        if (row[c]) {
          clear = false;
          break;
        }
      }
      if (!clear) continue;
      row.fill(1, c0, c1 + 1);
      free -= c1 + 1 - c0;
      box.row = r;
      break;
    }
    misses = box.row < 0 ? misses + 1 : 0;
  }
}

/** Where the text rows are drawn: `top` px down, `height` px apart. */
export interface RowGeometry {
  top: number;
  height: number;
}

/** The item whose text pill is under (x, y), if any: pills are what a click on the overlay selects. */
export function pillAt<T extends Placeable>(
  boxes: readonly PlacedBox<T>[],
  x: number,
  y: number,
  rows: RowGeometry,
  textWidth: (item: T) => number,
): T | null {
  const row = Math.floor((y - rows.top) / rows.height);
  if (row < 0) return null;
  for (const b of boxes) {
    if (b.row === row && x >= b.textX && x < b.textX + textWidth(b.item)) return b.item;
  }
  return null;
}

/** Boxes grouped by their item's colour, so each colour is filled and stroked as one path. */
export function groupByColour<T extends Placeable & { color: string }>(boxes: PlacedBox<T>[]): Map<string, PlacedBox<T>[]> {
  const out = new Map<string, PlacedBox<T>[]>();
  for (const b of boxes) {
    const list = out.get(b.item.color);
    if (list) list.push(b);
    else out.set(b.item.color, [b]);
  }
  return out;
}

/** "#rrggbb" with an alpha, for translucent fills. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return `rgba(200, 200, 200, ${alpha})`;
  return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})`;
}

/** Black or white, whichever reads better on the colour (relative luminance, WCAG). */
export function textColourOn(hex: string): '#000' | '#fff' {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return '#fff';
  const lin = (v: string) => {
    const c = parseInt(v, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(m[1]) + 0.7152 * lin(m[2]) + 0.0722 * lin(m[3]);
  return l > 0.22 ? '#000' : '#fff';
}
