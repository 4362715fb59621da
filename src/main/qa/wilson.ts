// Confidence intervals for a binomial proportion (issue 6: the naive precision of reviewed detections).

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Proportion {
  value: number | null;
  lo: number | null;
  hi: number | null;
}

/**
 * Wilson score interval for k successes in n trials: unlike the Wald interval it stays inside 0..1
 * and keeps its width when k is 0 or n, which is common for precision at high thresholds.
 */
export function wilson(k: number, n: number, z = Z95): Proportion {
  if (n <= 0) return { value: null, lo: null, hi: null };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { value: p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}
