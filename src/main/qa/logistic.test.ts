import { describe, expect, it } from 'vitest';
import { fitLogistic, scoreFor, sigmoid } from './logistic';

describe('fitLogistic', () => {
  it('reproduces group proportions when there are two score values', () => {
    // 8 verdicts at 0.2 (2 correct) and 8 at 0.8 (6 correct): the MLE fits each group's share exactly:
    //   a + 0.2b = logit(.25) = -ln 3,  a + 0.8b = logit(.75) = ln 3
    //   -> b = 2 ln3 / 0.6 = (10/3) ln3 = 3.662041,  a = -ln3 - 0.2b = -(5/3) ln3 = -1.831020
    // score for p: (logit p + (5/3) ln3) / ((10/3) ln3): p=.75 -> (1 + 5/3)/(10/3) = 0.8; p=.9 (logit 2 ln3) -> 1.1
    const x = [...Array(8).fill(0.2), ...Array(8).fill(0.8)];
    const y = [1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0] as (0 | 1)[];
    const r = fitLogistic(x, y);
    if (!r.ok) throw new Error(r.message);
    expect(r.fit.slope).toBeCloseTo(3.662041, 5);
    expect(r.fit.intercept).toBeCloseTo(-1.83102, 5);
    expect(scoreFor(r.fit, 0.75)).toBeCloseTo(0.8, 6);
    expect(scoreFor(r.fit, 0.9)).toBeCloseTo(1.1, 6);
    expect(sigmoid(r.fit.intercept + r.fit.slope * 0.2)).toBeCloseTo(0.25, 8);
  });

  it('refuses too few verdicts, with the counts', () => {
    const r = fitLogistic([0.1, 0.5, 0.9, 0.95], [0, 1, 1, 1]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('too_few');
      expect(r.message).toContain('3 correct and 1 wrong');
    }
  });

  it('refuses complete and quasi-complete separation', () => {
    const x = [0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9];
    const separated = fitLogistic(x, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(separated.ok).toBe(false);
    if (!separated.ok) expect(separated.reason).toBe('separated');
    // Overlap by one: a finite fit with a positive slope
    const overlap = fitLogistic(x, [0, 0, 0, 1, 0, 1, 0, 1, 1, 1]);
    expect(overlap.ok).toBe(true);
    if (overlap.ok) expect(overlap.fit.slope).toBeGreaterThan(0);
  });
});
