import { describe, expect, it } from 'vitest';
import { parsePeaks } from './peaks';

describe('parsePeaks', () => {
  it('reads little-endian float32 values and ignores a trailing partial value', () => {
    const buf = new ArrayBuffer(4 * 3 + 2);
    const view = new DataView(buf);
    view.setFloat32(0, 0.5, true);
    view.setFloat32(4, 1, true);
    view.setFloat32(8, 0.125, true);
    expect(Array.from(parsePeaks(buf))).toEqual([0.5, 1, 0.125]);
  });
});
