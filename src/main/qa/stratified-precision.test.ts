import { describe, expect, it } from 'vitest';
import { stratifiedPrecision } from './stratified-precision';

describe('stratifiedPrecision', () => {
  it('weights each judged stratum by its population, not its sample', () => {
    // A: N=100, 9 correct of 10; B: N=200, 2 correct of 5; C: N=50, none judged; D: empty.
    // Judged population N' = 300: W_A = 1/3, W_B = 2/3.
    // P = 1/3·0.9 + 2/3·0.4 = 0.3 + 0.266667 = 0.566667   (the naive ratio would be 11/15 = 0.733333)
    // Var_A = (1/9)·(0.9·0.1/9)·(1 - 10/100) = (1/9)·0.01·0.9 = 0.001
    // Var_B = (4/9)·(0.4·0.6/4)·(1 - 5/200) = (4/9)·0.06·0.975 = 0.026
    // se = sqrt(0.027) = 0.164317; half = 1.96·0.164317 = 0.322061
    const r = stratifiedPrecision(
      [
        { population: 100, correct: 9, wrong: 1 },
        { population: 200, correct: 2, wrong: 3 },
        { population: 50, correct: 0, wrong: 0 },
        { population: 0, correct: 0, wrong: 0 },
      ],
      1.96,
    );
    expect(r.value).toBeCloseTo(0.566667, 5);
    expect(r.se).toBeCloseTo(0.164317, 5);
    expect(r.lo).toBeCloseTo(0.244606, 5);
    expect(r.hi).toBeCloseTo(0.888728, 5);
    // 300 of 350 detections are in judged strata; stratum 2 has detections but no verdict.
    expect(r.coverage).toBeCloseTo(300 / 350, 10);
    expect(r.unreviewed).toEqual([2]);
    expect(r.judged).toBe(15);
    expect(r.population).toBe(350);
  });

  it('equals the naive ratio when every stratum is sampled at the same rate', () => {
    // A: 10 of N=100, B: 5 of N=50 -> W = 2/3, 1/3; P = 2/3·0.9 + 1/3·0.4 = 0.733333 = 11/15
    const r = stratifiedPrecision([
      { population: 100, correct: 9, wrong: 1 },
      { population: 50, correct: 2, wrong: 3 },
    ]);
    expect(r.value).toBeCloseTo(11 / 15, 10);
    expect(r.coverage).toBe(1);
  });

  it('a stratum judged completely has no sampling variance', () => {
    // N = n = 4, 3 correct: fpc = 0 -> se 0; P = 0.75
    const r = stratifiedPrecision([{ population: 4, correct: 3, wrong: 1 }]);
    expect(r.value).toBe(0.75);
    expect(r.se).toBe(0);
  });

  it('a single verdict in a stratum takes the worst-case Bernoulli variance', () => {
    // N=10, n=1 correct: Var = 1²·0.25·(1 - 1/10) = 0.225; se = 0.474342; lo = 1 - 1.96·0.474342 = 0.070290
    const r = stratifiedPrecision([{ population: 10, correct: 1, wrong: 0 }], 1.96);
    expect(r.value).toBe(1);
    expect(r.se).toBeCloseTo(0.474342, 5);
    expect(r.lo).toBeCloseTo(0.07029, 5);
    expect(r.hi).toBe(1);
    expect(r.singleReview).toBe(1);
  });

  it('is undefined when nothing was judged', () => {
    const r = stratifiedPrecision([{ population: 10, correct: 0, wrong: 0 }]);
    expect(r.value).toBeNull();
    expect(r.coverage).toBe(0);
    expect(r.unreviewed).toEqual([0]);
  });
});
