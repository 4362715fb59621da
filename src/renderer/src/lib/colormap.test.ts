import { describe, expect, it } from 'vitest';
import { buildLut, parseColor } from './colormap';

const rgb = (lut: Uint8ClampedArray, b: number) => [lut[b * 4], lut[b * 4 + 1], lut[b * 4 + 2]];
const luma = (c: number[]) => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];

describe('colormap LUT', () => {
  it('parses both colour notations d3 uses', () => {
    expect(parseColor('#440154')).toEqual([0x44, 0x01, 0x54]);
    expect(parseColor('rgb(12, 34, 56)')).toEqual([12, 34, 56]);
  });

  it('maps quiet to the dark end and loud to the bright end of viridis', () => {
    const lut = buildLut({ colormap: 'viridis', brightness: 0, contrast: 1 });
    expect(lut.length).toBe(1024);
    expect(rgb(lut, 0)).toEqual([0x44, 0x01, 0x54]); // viridis(0)
    expect(rgb(lut, 255)).toEqual([0xfd, 0xe7, 0x25]); // viridis(1)
    expect(lut[3]).toBe(255);
  });

  it('greys run from black to white, monotonic', () => {
    const lut = buildLut({ colormap: 'greys', brightness: 0, contrast: 1 });
    expect(rgb(lut, 0)).toEqual([0, 0, 0]);
    expect(rgb(lut, 255)).toEqual([255, 255, 255]);
    for (let b = 1; b < 256; b++) expect(lut[b * 4]).toBeGreaterThanOrEqual(lut[(b - 1) * 4]);
  });

  it('brightness lifts every level, contrast spreads them around the middle', () => {
    const plain = buildLut({ colormap: 'greys', brightness: 0, contrast: 1 });
    const bright = buildLut({ colormap: 'greys', brightness: 0.2, contrast: 1 });
    const contrasty = buildLut({ colormap: 'greys', brightness: 0, contrast: 2 });
    expect(luma(rgb(bright, 100))).toBeGreaterThan(luma(rgb(plain, 100)));
    expect(luma(rgb(contrasty, 64))).toBeLessThan(luma(rgb(plain, 64)));
    expect(luma(rgb(contrasty, 192))).toBeGreaterThan(luma(rgb(plain, 192)));
    // Contrast 2 saturates the top quarter.
    expect(rgb(contrasty, 200)).toEqual([255, 255, 255]);
  });
});
