import { interpolateGreys, interpolateInferno, interpolateMagma, interpolateViridis } from 'd3-scale-chromatic';

// Tiles arrive as bytes of absolute dB (src/shared/spectrogram.ts); colour is applied here through a
// 256-entry lookup table, so changing the map, brightness or contrast is instant and needs no refetch
// (../shared/LONG-RECORDINGS.md, "A tile design that worked").

export const COLORMAPS = ['viridis', 'magma', 'inferno', 'greys'] as const;
export type ColormapName = (typeof COLORMAPS)[number];

const interpolators: Record<ColormapName, (t: number) => string> = {
  viridis: interpolateViridis,
  magma: interpolateMagma,
  inferno: interpolateInferno,
  // d3's greys run white to black; quiet must be dark like the other maps.
  greys: (t) => interpolateGreys(1 - t),
};

/** Parses the "#rrggbb" or "rgb(r, g, b)" strings d3 interpolators return. */
export function parseColor(css: string): [number, number, number] {
  if (css.startsWith('#') && css.length === 7) {
    return [parseInt(css.slice(1, 3), 16), parseInt(css.slice(3, 5), 16), parseInt(css.slice(5, 7), 16)];
  }
  const m = /rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/.exec(css);
  if (!m) throw new Error(`Unrecognised colour ${css}`);
  return [Math.round(+m[1]), Math.round(+m[2]), Math.round(+m[3])];
}

export interface LutParams {
  colormap: ColormapName;
  /** Added to the normalised level, -1 .. 1; 0 leaves it. */
  brightness: number;
  /** Gain around mid-level, > 0; 1 leaves it. */
  contrast: number;
}

/** 256 RGBA entries: entry b is the colour of tile byte b. */
export function buildLut({ colormap, brightness, contrast }: LutParams): Uint8ClampedArray {
  const interp = interpolators[colormap];
  // Sample the map once at 256 points; brightness/contrast then only pick among these.
  const base: Array<[number, number, number]> = [];
  for (let i = 0; i < 256; i++) base.push(parseColor(interp(i / 255)));
  const lut = new Uint8ClampedArray(256 * 4);
  for (let b = 0; b < 256; b++) {
    const v = (b / 255 - 0.5) * contrast + 0.5 + brightness;
    const idx = Math.round(Math.min(1, Math.max(0, v)) * 255);
    const [r, g, bl] = base[idx];
    lut[b * 4] = r;
    lut[b * 4 + 1] = g;
    lut[b * 4 + 2] = bl;
    lut[b * 4 + 3] = 255;
  }
  return lut;
}
