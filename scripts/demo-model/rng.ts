// Seeded randomness for the demo model and soundscapes: every augmentation, fold split and mix
// decision comes from here, so `npm run build:demo-model` reproduces the same bytes from the seed.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: T[]): T[];
}

/** mulberry32: tiny, fast, and good enough for augmentation; not for anything secret. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    pick: (items) => items[Math.floor(next() * items.length)],
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
  };
  return rng;
}

export type NoiseColour = 'white' | 'pink' | 'brown';

/**
 * Coloured noise at unit RMS. Pink uses Paul Kellett's economy filter; brown is leaky integrated
 * white noise (the leak keeps it from drifting off over minutes of soundscape).
 */
export function colouredNoise(rng: Rng, colour: NoiseColour, n: number): Float32Array {
  const out = new Float32Array(n);
  let b0 = 0, b1 = 0, b2 = 0, brown = 0;
  for (let i = 0; i < n; i++) {
    const w = rng.normal();
    if (colour === 'white') out[i] = w;
    else if (colour === 'pink') {
      b0 = 0.99765 * b0 + w * 0.099046;
      b1 = 0.963 * b1 + w * 0.2965164;
      b2 = 0.57 * b2 + w * 1.0526913;
      out[i] = b0 + b1 + b2 + w * 0.1848;
    } else {
      brown = 0.995 * brown + w * 0.1;
      out[i] = brown;
    }
  }
  return scaleToRms(out, 1);
}

export function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, to - from));
}

export function scaleToRms(x: Float32Array, target: number): Float32Array {
  const r = rms(x);
  if (r > 0) for (let i = 0; i < x.length; i++) x[i] *= target / r;
  return x;
}

export const dbToGain = (db: number): number => Math.pow(10, db / 20);
