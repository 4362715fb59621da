import { describe, expect, it } from 'vitest';
import { wilson } from './wilson';

describe('wilson', () => {
  it('8 of 10 at z = 1.96', () => {
    // p = 0.8, z² = 3.8416, denom = 1 + 3.8416/10 = 1.38416
    // centre = (0.8 + 3.8416/20) / 1.38416 = 0.99208 / 1.38416 = 0.716736
    // half = 1.96·sqrt(0.16/10 + 3.8416/400) / 1.38416 = 1.96·sqrt(0.025604) / 1.38416 = 0.3136245 / 1.38416 = 0.226581
    const r = wilson(8, 10, 1.96);
    expect(r.value).toBe(0.8);
    expect(r.lo).toBeCloseTo(0.490155, 5);
    expect(r.hi).toBeCloseTo(0.943317, 5);
  });

  it('0 of 5 keeps a width, and stays inside 0..1', () => {
    // denom = 1 + 3.8416/5 = 1.76832; centre = (3.8416/10)/1.76832 = 0.217246;
    // half = 1.96·sqrt(3.8416/100)/1.76832 = 1.96·0.196/1.76832 = 0.217246 -> [0, 0.434492]
    const r = wilson(0, 5, 1.96);
    expect(r.value).toBe(0);
    expect(r.lo).toBe(0);
    expect(r.hi).toBeCloseTo(0.434492, 5);
    const all = wilson(5, 5, 1.96);
    expect(all.hi).toBe(1);
    expect(all.lo).toBeCloseTo(1 - 0.434492, 5);
  });

  it('is undefined without trials', () => {
    expect(wilson(0, 0)).toEqual({ value: null, lo: null, hi: null });
  });
});
