import { describe, expect, it } from 'vitest';
import {
  compareByTime,
  layoutBoxes,
  lowerBound,
  maxDuration,
  pillAt,
  textColourOn,
  visibleItems,
  withAlpha,
  type Placeable,
} from './prediction-layout';

const p = (start_s: number, end_s: number, score: number, label_id = 1): Placeable => ({ start_s, end_s, score, label_id });

/** Windows of `win` s every `hop` s over `dur` s, one label, scores cycling so ties are rare. */
function windows(dur: number, win: number, hop: number, label_id = 1): Placeable[] {
  const out: Placeable[] = [];
  for (let i = 0; i * hop + win <= dur; i++) out.push(p(i * hop, i * hop + win, 0.3 + ((i * 37) % 70) / 100, label_id));
  return out;
}

describe('visible predictions', () => {
  it('finds exactly the windows that meet the view, using the longest duration', () => {
    const items = [p(0, 10, 0.5), p(2, 3, 0.9), p(4, 5, 0.4), p(11, 12, 0.6)].sort(compareByTime);
    const max = maxDuration(items);
    expect(max).toBe(10);
    // The 0-10 window starts long before the view but still covers it.
    expect(visibleItems(items, max, 5.5, 7)).toEqual([p(0, 10, 0.5)]);
    expect(visibleItems(items, max, 4.5, 11.5).map((i) => i.start_s)).toEqual([0, 4, 11]);
    // Touching the view's end is not meeting it.
    expect(visibleItems(items, max, 12, 20)).toEqual([]);
  });

  it('agrees with a full scan on thousands of windows', () => {
    const items = [...windows(3600, 3, 1.5, 1), ...windows(3600, 0.975, 0.5, 2)].sort(compareByTime);
    const max = maxDuration(items);
    for (const [a, b] of [[0, 10], [1799.3, 1805.1], [3590, 3600], [100.5, 100.6]]) {
      const scan = items.filter((i) => i.end_s > a && i.start_s < b);
      expect(visibleItems(items, max, a, b)).toEqual(scan);
    }
  });

  it('binary-searches the first start at or after a time', () => {
    const items = [p(1, 2, 0), p(2, 3, 0), p(2, 4, 0), p(5, 6, 0)];
    expect(lowerBound(items, 2)).toBe(1);
    expect(lowerBound(items, 2.5)).toBe(3);
    expect(lowerBound(items, 9)).toBe(4);
    expect(lowerBound(items, -1)).toBe(0);
  });

  it('sorts by time, then best score first', () => {
    expect([p(2, 3, 0.1), p(1, 2, 0.2), p(1, 2, 0.9)].sort(compareByTime).map((i) => i.score)).toEqual([0.9, 0.2, 0.1]);
  });
});

describe('layoutBoxes', () => {
  const view = { startS: 10, pxPerSec: 100, width: 1000 };
  const textWidth = () => 60;

  it('places boxes in CSS pixels relative to the view start and clamps long ones', () => {
    const items = [p(11, 12, 0.8), p(0, 100, 0.5)].sort(compareByTime);
    const boxes = layoutBoxes(items, maxDuration(items), view, { rows: 2, textWidth });
    const short = boxes.find((b) => b.item.start_s === 11)!;
    expect(short.x0).toBe(100);
    expect(short.x1).toBe(200);
    expect(short.textX).toBe(102);
    const long = boxes.find((b) => b.item.start_s === 0)!;
    expect(long.x0).toBe(-2);
    expect(long.x1).toBe(1002);
    // Its text stays in view although the box starts off-screen.
    expect(long.textX).toBe(2);
  });

  it('stacks the texts of overlapping windows on separate rows, best score on top', () => {
    // 50% overlap: each pill (60 px) would cover the next window's start (50 px later).
    const items = [p(10, 11, 0.5), p(10.5, 11.5, 0.9), p(11, 12, 0.7)].sort(compareByTime);
    const boxes = layoutBoxes(items, 1, view, { rows: 3, textWidth });
    const row = (s: number) => boxes.find((b) => b.item.start_s === s)!.row;
    expect(row(10.5)).toBe(0);
    expect(row(10)).toBe(1);
    expect(row(11)).toBe(1);
    // No two pills on one row collide.
    for (const a of boxes) for (const b of boxes) {
      if (a === b || a.row < 0 || a.row !== b.row) continue;
      expect(a.textX + 63 <= b.textX || b.textX + 63 <= a.textX).toBe(true);
    }
  });

  it('drops the text of the lowest scores when the rows are full, but keeps every box', () => {
    const items = [p(10, 11, 0.2), p(10.1, 11, 0.95), p(10.2, 11, 0.5)].sort(compareByTime);
    const boxes = layoutBoxes(items, 1, view, { rows: 1, textWidth });
    expect(boxes).toHaveLength(3);
    expect(boxes.filter((b) => b.row === 0).map((b) => b.item.score)).toEqual([0.95]);
    expect(boxes.find((b) => b.item.score === 0.2)!.row).toBe(-1);
  });

  it('draws narrow boxes of one label on the same pixel once, other labels still', () => {
    // Zoomed out to 1 px/s: 0.5 s hops put two windows on each pixel.
    const items = [...windows(100, 0.975, 0.5, 1), ...windows(100, 0.975, 0.5, 2)].sort(compareByTime);
    const boxes = layoutBoxes(items, maxDuration(items), { startS: 0, pxPerSec: 1, width: 100 }, { rows: 0, textWidth });
    const perLabel = (id: number) => boxes.filter((b) => b.item.label_id === id).length;
    expect(perLabel(1)).toBeLessThanOrEqual(101);
    expect(perLabel(1)).toBeGreaterThanOrEqual(99);
    expect(perLabel(2)).toBe(perLabel(1));
    expect(items.length).toBeGreaterThan(390);
  });

  it('finds the pill under a point, row by row', () => {
    const items = [p(10, 11, 0.5), p(10.5, 11.5, 0.9)].sort(compareByTime);
    const boxes = layoutBoxes(items, 1, view, { rows: 2, textWidth });
    const rows = { top: 2, height: 15 };
    // Row 0 holds the 0.9 window's pill from x = 52; row 1 the 0.5 window's from x = 2.
    expect(pillAt(boxes, 60, 5, rows, textWidth)?.score).toBe(0.9);
    expect(pillAt(boxes, 10, 20, rows, textWidth)?.score).toBe(0.5);
    expect(pillAt(boxes, 10, 5, rows, textWidth)).toBeNull();
    expect(pillAt(boxes, 60, 40, rows, textWidth)).toBeNull();
    expect(pillAt(boxes, 60, 0, rows, textWidth)).toBeNull();
  });

  it('gives nothing for an empty view', () => {
    expect(layoutBoxes([p(0, 1, 1)], 1, { startS: 0, pxPerSec: 0, width: 100 }, { rows: 2, textWidth })).toEqual([]);
  });
});

describe('colours', () => {
  it('adds alpha to a hex colour', () => {
    expect(withAlpha('#59a14f', 0.25)).toBe('rgba(89, 161, 79, 0.25)');
  });
  it('picks readable text on light and dark colours', () => {
    expect(textColourOn('#edc948')).toBe('#000');
    expect(textColourOn('#1f3b73')).toBe('#fff');
  });
});
