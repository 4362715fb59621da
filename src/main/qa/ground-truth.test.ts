import { describe, expect, it } from 'vitest';
import { labelGroundTruth } from './ground-truth';

describe('labelGroundTruth with overlap matching', () => {
  it('gives precision over windows and recall over sounds at each bin edge, and the best F1', () => {
    // 2 sounds. 0.9 finds A, 0.8 hits A again, 0.7 is wrong, 0.6 finds B; a 0.2 window is wrong.
    const hits = [
      { score: 0.9, hit: true, found: true },
      { score: 0.8, hit: true, found: false },
      { score: 0.7, hit: false, found: false },
      { score: 0.6, hit: true, found: true },
      { score: 0.2, hit: false, found: false },
    ];
    const gt = labelGroundTruth(hits, 2, 2);
    expect(gt.matched).toBe(3);
    // >= 0.5: tp 3, fp 1, both sounds found -> precision 0.75, recall 1, F1 2*0.75/1.75 = 6/7
    // >= 0.0: tp 3, fp 2 -> precision 0.6, recall 1, F1 2*0.6/1.6 = 0.75
    expect(gt.by_threshold).toMatchObject([
      { threshold: 0, tp: 3, fp: 2, fn: 0, precision: 0.6, recall: 1 },
      { threshold: 0.5, tp: 3, fp: 1, fn: 0, precision: 0.75, recall: 1 },
    ]);
    expect(gt.by_threshold[0].f1).toBeCloseTo(0.75, 12);
    expect(gt.by_threshold[1].f1).toBeCloseTo(6 / 7, 12);
    // Candidates: 0.9 (P 1, R .5, F1 2/3), 0.8 (same), 0.7 (P 2/3, R .5), 0.6 (6/7), 0.2 (0.75).
    expect(gt.best_f1).toMatchObject({ threshold: 0.6, precision: 0.75, recall: 1 });
    expect(gt.best_f1!.f1).toBeCloseTo(6 / 7, 12);
  });
});
