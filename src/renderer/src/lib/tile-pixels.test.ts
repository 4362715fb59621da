import { describe, expect, it } from 'vitest';
import { colourTile } from './tile-pixels';

describe('colourTile', () => {
  it('turns column-major, lowest-bin-first bytes into an image with the highest bin on top', () => {
    // 2 columns x 3 bins: column 0 = bins [10, 11, 12], column 1 = bins [20, 21, 22].
    const bytes = new Uint8Array([10, 11, 12, 20, 21, 22]);
    const lut = new Uint32Array(256).map((_, i) => i * 1000);
    const px = colourTile(bytes, 2, 3, lut);
    // Row 0 (top) holds bin 2 of each column; the last row holds bin 0.
    expect(Array.from(px)).toEqual([12000, 22000, 11000, 21000, 10000, 20000]);
  });
});
