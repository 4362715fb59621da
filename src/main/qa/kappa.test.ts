import { describe, expect, it } from 'vitest';
import { cohenKappa } from './kappa';

describe('cohenKappa', () => {
  it('by hand on ten shared detections', () => {
    // A: pos×6 (items 1-6), neg×3 (7-9), unc (10); B: pos 1-5 and 9, neg 6-8, unc 10.
    // agree: items 1-5, 7, 8, 10 = 8 -> p_o = 0.8
    // marginals A = B = (pos .6, neg .3, unc .1) -> p_e = .36 + .09 + .01 = .46
    // kappa = (.8 - .46) / (1 - .46) = .34 / .54 = 0.629630
    const a = ['p', 'p', 'p', 'p', 'p', 'p', 'n', 'n', 'n', 'u'];
    const b = ['p', 'p', 'p', 'p', 'p', 'n', 'n', 'n', 'p', 'u'];
    const r = cohenKappa(a.map((x, i) => [x, b[i]] as const));
    expect(r.n).toBe(10);
    expect(r.observed).toBeCloseTo(0.8, 12);
    expect(r.expected).toBeCloseTo(0.46, 12);
    expect(r.kappa).toBeCloseTo(0.62963, 5);
  });

  it('labels are categories: positive-with-X and positive-with-Y disagree', () => {
    // (X,X) (X,Y) : p_o = .5; A marginals X 1.0, B X .5 Y .5 -> p_e = .5 -> kappa 0
    const r = cohenKappa([
      ['pos:1', 'pos:1'],
      ['pos:1', 'pos:2'],
    ]);
    expect(r.kappa).toBeCloseTo(0, 12);
  });

  it('is undefined with nothing shared or one category only', () => {
    expect(cohenKappa([]).kappa).toBeNull();
    expect(cohenKappa([['n', 'n']]).kappa).toBeNull();
  });
});
