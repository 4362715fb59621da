import { describe, expect, it } from 'vitest';
import { boundsToRect, dragToBounds, hitTest, hzToY, moveBounds, timeToX, xToTime, yToHz, type AnnotationView } from './annotation-geometry';

const view: AnnotationView = { startS: 10, pxPerSec: 50, width: 1000, height: 400, minHz: 1000, maxHz: 9000 };

describe('pixel <-> value mapping', () => {
  it('maps x to time from the view start and back', () => {
    expect(xToTime(view, 0)).toBe(10);
    expect(xToTime(view, 125)).toBe(12.5);
    expect(timeToX(view, 12.5)).toBe(125);
  });
  it('maps y to frequency from maxHz at the top to minHz at the bottom and back', () => {
    expect(yToHz(view, 0)).toBe(9000);
    expect(yToHz(view, 400)).toBe(1000);
    expect(yToHz(view, 100)).toBe(7000);
    expect(hzToY(view, 7000)).toBe(100);
  });
});

describe('dragToBounds', () => {
  it('turns a drag in any direction into ordered bounds', () => {
    expect(dragToBounds(view, 300, 300, 100, 100, false)).toEqual({ start_s: 12, end_s: 16, low_hz: 3000, high_hz: 7000 });
  });
  it('makes a full-height region with null frequencies', () => {
    expect(dragToBounds(view, 100, 50, 200, 60, true)).toEqual({ start_s: 12, end_s: 14, low_hz: null, high_hz: null });
  });
  it('clamps a drag that leaves the spectrogram to its edges', () => {
    expect(dragToBounds(view, -40, -10, 1200, 500, false)).toEqual({ start_s: 10, end_s: 30, low_hz: 1000, high_hz: 9000 });
  });
});

describe('hitTest', () => {
  const a = { id: 1, start_s: 12, end_s: 16, low_hz: 3000, high_hz: 7000 }; // x 100..300, y 100..300
  const r = { id: 2, start_s: 15, end_s: 20, low_hz: null, high_hz: null }; // x 250..500, full height
  it('finds edges and bodies, the later (topmost) box first', () => {
    expect(hitTest(view, [a, r], 200, 200)).toEqual({ item: a, part: 'body' });
    expect(hitTest(view, [a, r], 102, 200)).toEqual({ item: a, part: 'left' });
    expect(hitTest(view, [a, r], 200, 297)).toEqual({ item: a, part: 'bottom' });
    expect(hitTest(view, [a, r], 200, 103)).toEqual({ item: a, part: 'top' });
    expect(hitTest(view, [a, r], 280, 200)?.item.id).toBe(2);
    expect(hitTest(view, [a, r], 400, 10)).toEqual({ item: r, part: 'body' });
    expect(hitTest(view, [a, r], 600, 200)).toBeNull();
    expect(hitTest(view, [a, r], 200, 350)).toBeNull();
  });
  it('prefers the selected box where boxes overlap', () => {
    expect(hitTest(view, [a, r], 280, 200, 1)?.item.id).toBe(1);
  });
  it('grabs a box by its corners, both ways at once; a region has none', () => {
    expect(hitTest(view, [a], 102, 103)).toEqual({ item: a, part: 'top-left' });
    expect(hitTest(view, [a], 298, 297)).toEqual({ item: a, part: 'bottom-right' });
    expect(hitTest(view, [a], 301, 99)).toEqual({ item: a, part: 'top-right' });
    expect(hitTest(view, [r], 251, 1)).toEqual({ item: r, part: 'left' });
  });
  it('gives a region no top or bottom edge', () => {
    expect(hitTest(view, [r], 400, 1)).toEqual({ item: r, part: 'body' });
  });
  it('places a box where the mapping says', () => {
    expect(boundsToRect(view, a)).toEqual({ x0: 100, x1: 300, y0: 100, y1: 300 });
    expect(boundsToRect(view, r)).toEqual({ x0: 250, x1: 500, y0: 0, y1: 400 });
  });
});

describe('moveBounds', () => {
  const a = { start_s: 12, end_s: 16, low_hz: 3000, high_hz: 7000 };
  it('moves the body in time and frequency, keeping its size', () => {
    expect(moveBounds(view, a, 'body', 50, -50)).toEqual({ start_s: 13, end_s: 17, low_hz: 4000, high_hz: 8000 });
  });
  it('never moves below 0 s or 0 Hz', () => {
    expect(moveBounds(view, a, 'body', -5000, 5000)).toEqual({ start_s: 0, end_s: 4, low_hz: 0, high_hz: 4000 });
  });
  it('resizes one edge and never lets it cross the other', () => {
    expect(moveBounds(view, a, 'left', 50, 0).start_s).toBe(13);
    expect(moveBounds(view, a, 'right', -1000, 0).end_s).toBeCloseTo(12.02, 9);
    expect(moveBounds(view, a, 'top', 0, 50).high_hz).toBe(6000);
    expect(moveBounds(view, a, 'bottom', 0, -1000).low_hz).toBe(7000 - 20);
  });
  it('resizes from a corner in time and frequency together', () => {
    expect(moveBounds(view, a, 'top-left', 50, -50)).toEqual({ start_s: 13, end_s: 16, low_hz: 3000, high_hz: 8000 });
    expect(moveBounds(view, a, 'bottom-right', -50, 50)).toEqual({ start_s: 12, end_s: 15, low_hz: 2000, high_hz: 7000 });
  });
});
