import { describe, expect, it } from 'vitest';
import { averagePrecision, prCurve, thin } from './average-precision';

describe('prCurve and averagePrecision', () => {
  it('all-points interpolated AP by hand', () => {
    // 4 references; ranked hits T F T F T:
    // k=1 p=1   r=.25 | k=2 p=.5 r=.25 | k=3 p=2/3 r=.5 | k=4 p=.5 r=.5 | k=5 p=.6 r=.75
    // interpolated (max to the right): 1, 2/3, 2/3, .6, .6
    // AP = .25·1 + .25·(2/3) + .25·.6 + (unreached .25)·0 = .25 + .166667 + .15 = .566667
    const hits = [0.9, 0.8, 0.7, 0.6, 0.5].map((score, i) => ({ score, hit: i % 2 === 0 }));
    const curve = prCurve(hits, 4);
    expect(curve.map((p) => [p.precision, p.recall])).toEqual([
      [1, 0.25],
      [0.5, 0.25],
      [2 / 3, 0.5],
      [0.5, 0.5],
      [0.6, 0.75],
    ]);
    expect(averagePrecision(curve, 4)).toBeCloseTo(0.566667, 5);
  });

  it('equal scores enter together', () => {
    // one reference, two detections at 0.9 (one hit): a single point p = 1/2, r = 1 -> AP 0.5
    const curve = prCurve(
      [
        { score: 0.9, hit: true },
        { score: 0.9, hit: false },
      ],
      1,
    );
    expect(curve).toEqual([{ score: 0.9, precision: 0.5, recall: 1 }]);
    expect(averagePrecision(curve, 1)).toBe(0.5);
  });

  it('no references: no curve, no AP; no detections: AP 0', () => {
    expect(prCurve([{ score: 1, hit: false }], 0)).toEqual([]);
    expect(averagePrecision([], 0)).toBeNull();
    expect(averagePrecision([], 3)).toBe(0);
  });

  it('thin keeps the ends', () => {
    expect(thin([0, 1, 2, 3, 4, 5, 6, 7, 8], 3)).toEqual([0, 4, 8]);
    expect(thin([1, 2], 5)).toEqual([1, 2]);
  });
});

describe('prCurve with windows that share a sound (overlap matching)', () => {
  it('counts precision over windows and recall over sounds', () => {
    // 2 sounds. Scores 0.9 (finds A), 0.8 (hits A again), 0.7 (wrong), 0.6 (finds B).
    const hits = [
      { score: 0.9, hit: true, found: true },
      { score: 0.8, hit: true, found: false },
      { score: 0.7, hit: false, found: false },
      { score: 0.6, hit: true, found: true },
    ];
    // precision 1/1, 2/2, 2/3, 3/4; recall 1/2, 1/2, 1/2, 2/2
    expect(prCurve(hits, 2)).toEqual([
      { score: 0.9, precision: 1, recall: 0.5 },
      { score: 0.8, precision: 1, recall: 0.5 },
      { score: 0.7, precision: 2 / 3, recall: 0.5 },
      { score: 0.6, precision: 0.75, recall: 1 },
    ]);
    // AP: recall 0 -> 0.5 at interpolated precision 1, 0.5 -> 1 at 0.75: 0.5 + 0.375 = 0.875
    expect(averagePrecision(prCurve(hits, 2), 2)).toBeCloseTo(0.875, 12);
  });
});
