import type { Calibration } from '../../shared/qa';
import { binOf } from '../store/qa-repo';
import { fitLogistic, scoreFor, sigmoid } from './logistic';
import type { JudgedDetection } from './verdicts';

// Section 3: how far a label's score can be trusted as a probability of being right (issue 6).
// Fitting P(correct | score) needs no stratification weights: a score-stratified sample changes how
// many verdicts there are at each score, not what they say at that score.

export const CALIBRATION_PROBABILITIES = [0.9, 0.95, 0.99] as const;
const CURVE_POINTS = 51;

export function calibrationOf(judged: readonly JudgedDetection[], bins: number): Calibration {
  const used = judged.filter((j) => j.outcome !== 'uncertain');
  const x = used.map((j) => j.score);
  const y = used.map((j) => (j.outcome === 'correct' ? 1 : 0) as 0 | 1);
  const positives = y.filter((v) => v === 1).length;
  const result = fitLogistic(x, y);
  const fit = result.ok ? result.fit : null;
  const byBin = Array.from({ length: bins }, () => ({ n: 0, sum: 0, correct: 0 }));
  used.forEach((j, i) => {
    const b = byBin[binOf(j.score, bins)];
    b.n++;
    b.sum += j.score;
    b.correct += y[i];
  });
  return {
    status: result.ok ? 'ok' : result.reason === 'separated' ? 'separated' : 'not_enough_reviews',
    message: result.ok ? null : result.message,
    n: used.length,
    positives,
    negatives: used.length - positives,
    intercept: fit?.intercept ?? null,
    slope: fit?.slope ?? null,
    thresholds: CALIBRATION_PROBABILITIES.map((probability) => {
      if (!fit || fit.slope <= 0) return { probability, score: null, reachable: false };
      const s = scoreFor(fit, probability);
      // Below 0 every detection already reaches the probability: the threshold is 0.
      return s <= 1 ? { probability, score: Math.max(0, s), reachable: true } : { probability, score: null, reachable: false };
    }),
    bins: byBin.flatMap((b, index) => {
      if (!b.n) return [];
      const mean = b.sum / b.n;
      return [{ lo: index / bins, hi: (index + 1) / bins, n: b.n, mean_score: mean, observed: b.correct / b.n, fitted: fit ? sigmoid(fit.intercept + fit.slope * mean) : null }];
    }),
    curve: fit
      ? Array.from({ length: CURVE_POINTS }, (_, i) => {
          const score = i / (CURVE_POINTS - 1);
          return { score, probability: sigmoid(fit.intercept + fit.slope * score) };
        })
      : [],
  };
}
