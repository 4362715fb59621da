// Logistic regression of a verdict (1 correct, 0 wrong) on the score, by Newton's method (= IRLS for
// the canonical link), for calibration (issue 6): P(correct | s) = 1 / (1 + exp(-(a + b·s))).

export interface LogisticFit {
  intercept: number;
  slope: number;
  iterations: number;
}

export type LogisticResult =
  | { ok: true; fit: LogisticFit }
  | { ok: false; reason: 'too_few' | 'separated' | 'no_convergence'; message: string };

export const MIN_PER_CLASS = 2;
export const MIN_TOTAL = 10;

export function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/** The score at which the fitted probability equals p (may lie outside 0..1). */
export function scoreFor(fit: LogisticFit, p: number): number {
  return (Math.log(p / (1 - p)) - fit.intercept) / fit.slope;
}

/**
 * Fits by Newton's method from (0, 0). Refuses, with a reason a reader can act on, when there are too
 * few verdicts of either kind, or when the scores separate the classes completely or quasi-completely
 * (every correct one scoring >= every wrong one, or the reverse): then the maximum-likelihood slope is
 * infinite and any finite answer would be an artefact of when the iteration stopped.
 */
export function fitLogistic(x: readonly number[], y: readonly (0 | 1)[]): LogisticResult {
  const n = x.length;
  const positives = y.reduce<number>((s, v) => s + v, 0);
  const negatives = n - positives;
  if (positives < MIN_PER_CLASS || negatives < MIN_PER_CLASS || n < MIN_TOTAL) {
    return {
      ok: false,
      reason: 'too_few',
      message: `not enough reviews: ${positives} correct and ${negatives} wrong (need at least ${MIN_PER_CLASS} of each and ${MIN_TOTAL} in all)`,
    };
  }
  let minPos = Infinity;
  let maxPos = -Infinity;
  let minNeg = Infinity;
  let maxNeg = -Infinity;
  for (let i = 0; i < n; i++) {
    if (y[i]) {
      minPos = Math.min(minPos, x[i]);
      maxPos = Math.max(maxPos, x[i]);
    } else {
      minNeg = Math.min(minNeg, x[i]);
      maxNeg = Math.max(maxNeg, x[i]);
    }
  }
  if (minPos >= maxNeg || minNeg >= maxPos) {
    const [hi, lo] = minPos >= maxNeg ? ['correct', 'wrong'] : ['wrong', 'correct'];
    return {
      ok: false,
      reason: 'separated',
      message: `not enough reviews: the score separates them completely (every ${hi} one scores at least as high as every ${lo} one; ${positives} correct, ${negatives} wrong) — review more detections where they overlap`,
    };
  }
  let a = 0;
  let b = 0;
  for (let iter = 1; iter <= 100; iter++) {
    // Gradient g and Hessian H of the log-likelihood (H is negative definite; we solve (-H)·d = g).
    let g0 = 0;
    let g1 = 0;
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(a + b * x[i]);
      const r = y[i] - p;
      const w = p * (1 - p);
      g0 += r;
      g1 += r * x[i];
      h00 += w;
      h01 += w * x[i];
      h11 += w * x[i] * x[i];
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 1e-300)) break;
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    a += da;
    b += db;
    if (!Number.isFinite(a) || !Number.isFinite(b)) break;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) return { ok: true, fit: { intercept: a, slope: b, iterations: iter } };
  }
  return { ok: false, reason: 'no_convergence', message: `the fit did not converge on ${positives} correct and ${negatives} wrong reviews` };
}
