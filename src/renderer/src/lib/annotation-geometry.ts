// Pure pixel <-> time/frequency mapping for human boxes on the spectrogram, shared by drawing,
// hit-testing and dragging. It matches the tile layer exactly: time runs left to right from the view
// start at pxPerSec, frequency runs from maxHz at the top to minHz at the bottom.

export interface AnnotationView {
  startS: number;
  pxPerSec: number;
  /** CSS pixels of the spectrogram area. */
  width: number;
  height: number;
  minHz: number;
  maxHz: number;
}

/** Time/frequency bounds of a box; low/high null means a full-height time region. */
export interface Bounds {
  start_s: number;
  end_s: number;
  low_hz: number | null;
  high_hz: number | null;
}

export interface Rect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export type Edge = 'left' | 'right' | 'top' | 'bottom';
export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
export type Part = 'body' | Edge | Corner;

export const xToTime = (v: AnnotationView, x: number): number => v.startS + x / v.pxPerSec;
export const timeToX = (v: AnnotationView, t: number): number => (t - v.startS) * v.pxPerSec;
export const yToHz = (v: AnnotationView, y: number): number => v.maxHz - (y / v.height) * (v.maxHz - v.minHz);
export const hzToY = (v: AnnotationView, hz: number): number => ((v.maxHz - hz) / (v.maxHz - v.minHz)) * v.height;

/** Where a box sits in CSS pixels; a region spans the whole height. */
export function boundsToRect(v: AnnotationView, b: Bounds): Rect {
  return {
    x0: timeToX(v, b.start_s),
    x1: timeToX(v, b.end_s),
    y0: b.high_hz === null ? 0 : hzToY(v, b.high_hz),
    y1: b.low_hz === null ? v.height : hzToY(v, b.low_hz),
  };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * The bounds of a drag from (x0, y0) to (x1, y1), in either direction. Pixels are clamped to the view,
 * so a drag that leaves the spectrogram stops at its edge; `region` ignores the vertical extent.
 */
export function dragToBounds(v: AnnotationView, x0: number, y0: number, x1: number, y1: number, region: boolean): Bounds {
  const xa = clamp(Math.min(x0, x1), 0, v.width);
  const xb = clamp(Math.max(x0, x1), 0, v.width);
  const ya = clamp(Math.min(y0, y1), 0, v.height);
  const yb = clamp(Math.max(y0, y1), 0, v.height);
  return {
    start_s: Math.max(0, xToTime(v, xa)),
    end_s: xToTime(v, xb),
    low_hz: region ? null : Math.max(0, yToHz(v, yb)),
    high_hz: region ? null : yToHz(v, ya),
  };
}

/** Edges within this many pixels grab a resize instead of a move. */
export const EDGE_PX = 5;

/**
 * The topmost box at (x, y) and which part of it: an edge (resize) or the body (move). Later items are
 * drawn on top, so they win; a selected box is checked first so its edges stay grabbable.
 */
export function hitTest<T extends Bounds & { id: number }>(
  v: AnnotationView,
  items: readonly T[],
  x: number,
  y: number,
  selectedId: number | null = null,
): { item: T; part: Part } | null {
  const order = [...items].reverse();
  const sel = order.findIndex((a) => a.id === selectedId);
  if (sel > 0) order.unshift(...order.splice(sel, 1));
  for (const item of order) {
    const r = boundsToRect(v, item);
    if (x < r.x0 - EDGE_PX || x > r.x1 + EDGE_PX || y < r.y0 - EDGE_PX || y > r.y1 + EDGE_PX) continue;
    const region = item.low_hz === null && item.high_hz === null;
    // Corners first: the handles drawn there resize both ways at once.
    const nearX = Math.abs(x - r.x0) <= EDGE_PX ? 'left' : Math.abs(x - r.x1) <= EDGE_PX ? 'right' : null;
    const nearY = Math.abs(y - r.y0) <= EDGE_PX ? 'top' : Math.abs(y - r.y1) <= EDGE_PX ? 'bottom' : null;
    if (!region && nearX && nearY) return { item, part: `${nearY}-${nearX}` as Corner };
    if (Math.abs(x - r.x0) <= EDGE_PX) return { item, part: 'left' };
    if (Math.abs(x - r.x1) <= EDGE_PX) return { item, part: 'right' };
    if (!region && Math.abs(y - r.y0) <= EDGE_PX) return { item, part: 'top' };
    if (!region && Math.abs(y - r.y1) <= EDGE_PX) return { item, part: 'bottom' };
    if (x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1) return { item, part: 'body' };
  }
  return null;
}

/**
 * New bounds after dragging `part` of `b` by (dx, dy) pixels. A move keeps the size; a resize never
 * lets an edge cross its opposite (a box keeps at least one pixel). Nothing goes below 0 s or 0 Hz.
 */
export function moveBounds(v: AnnotationView, b: Bounds, part: Part, dx: number, dy: number): Bounds {
  if (part.includes('-')) {
    const [vertical, horizontal] = part.split('-') as [Edge, Edge];
    return moveBounds(v, moveBounds(v, b, horizontal, dx, dy), vertical, dx, dy);
  }
  const dt = dx / v.pxPerSec;
  const dHz = -(dy / v.height) * (v.maxHz - v.minHz);
  const minT = 1 / v.pxPerSec;
  const minF = (v.maxHz - v.minHz) / v.height;
  const out = { ...b };
  if (part === 'body') {
    const shiftT = Math.max(dt, -b.start_s);
    out.start_s = b.start_s + shiftT;
    out.end_s = b.end_s + shiftT;
    if (b.low_hz !== null && b.high_hz !== null) {
      const shiftF = Math.max(dHz, -b.low_hz);
      out.low_hz = b.low_hz + shiftF;
      out.high_hz = b.high_hz + shiftF;
    }
  } else if (part === 'left') out.start_s = clamp(b.start_s + dt, 0, b.end_s - minT);
  else if (part === 'right') out.end_s = Math.max(b.end_s + dt, b.start_s + minT);
  else if (part === 'top' && b.high_hz !== null) out.high_hz = Math.max(b.high_hz + dHz, (b.low_hz ?? 0) + minF);
  else if (part === 'bottom' && b.low_hz !== null) out.low_hz = clamp(b.low_hz + dHz, 0, (b.high_hz ?? v.maxHz) - minF);
  return out;
}
