import { Z95 } from './wilson';

// Precision estimated from a score-stratified review sample (issue 6). Reviewers judge an equal number
// of detections per score bin, so high-score bins (mostly right) and low-score bins (mostly wrong) are
// represented unlike their share of the detections; each bin's precision is weighted by its share of
// the population instead of the sample.

export interface Stratum {
  /** Detections in the stratum (N_h). */
  population: number;
  /** Judged correct (p_h). */
  correct: number;
  /** Judged wrong (negative or relabelled); n_h = correct + wrong. Uncertain verdicts are not here. */
  wrong: number;
}

export interface StratifiedEstimate {
  value: number | null;
  lo: number | null;
  hi: number | null;
  se: number | null;
  /** Share of the population in strata with at least one judged detection. */
  coverage: number;
  /** Indices of strata with detections but no judged one. */
  unreviewed: number[];
  /** Judged strata with n_h = 1, whose variance is taken as the Bernoulli worst case 1/4. */
  singleReview: number;
  judged: number;
  population: number;
}

/**
 * P = sum_h W_h · p_h/n_h over judged strata, W_h = N_h / N' with N' the population of judged strata
 * (the unjudged strata's weight is excluded and reported as coverage, not guessed).
 * Var = sum_h W_h² · q_h(1-q_h)/(n_h-1) · (1 - n_h/N_h), q_h = p_h/n_h (finite population correction).
 */
export function stratifiedPrecision(strata: readonly Stratum[], z = Z95): StratifiedEstimate {
  let total = 0;
  let covered = 0;
  let judged = 0;
  const unreviewed: number[] = [];
  strata.forEach((s, i) => {
    total += s.population;
    const n = s.correct + s.wrong;
    judged += n;
    if (n > 0) covered += s.population;
    else if (s.population > 0) unreviewed.push(i);
  });
  const coverage = total > 0 ? covered / total : 0;
  if (covered === 0) return { value: null, lo: null, hi: null, se: null, coverage, unreviewed, singleReview: 0, judged, population: total };
  let value = 0;
  let variance = 0;
  let singleReview = 0;
  for (const s of strata) {
    const n = s.correct + s.wrong;
    if (n === 0) continue;
    const w = s.population / covered;
    const q = s.correct / n;
    value += w * q;
    // n_h <= N_h always holds for verdicts on counted detections; the clamp only guards rounding.
    const fpc = Math.max(0, 1 - n / s.population);
    if (n === 1) {
      singleReview++;
      variance += w * w * 0.25 * fpc;
    } else {
      variance += ((w * w * q * (1 - q)) / (n - 1)) * fpc;
    }
  }
  const se = Math.sqrt(variance);
  return {
    value,
    lo: Math.max(0, value - z * se),
    hi: Math.min(1, value + z * se),
    se,
    coverage,
    unreviewed,
    singleReview,
    judged,
    population: total,
  };
}
