// Cohen's kappa between two reviewers on the detections both judged (issue 6).

export interface KappaResult {
  n: number;
  observed: number | null;
  expected: number | null;
  /** Null when undefined: no shared items, or chance agreement is 1 (both always said the same one thing). */
  kappa: number | null;
}

/** kappa = (p_o - p_e) / (1 - p_e); p_e = sum_k (a_k/n)(b_k/n) from each reviewer's own marginals. */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): KappaResult {
  const n = pairs.length;
  if (n === 0) return { n, observed: null, expected: null, kappa: null };
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
    if (x === y) agree++;
  }
  const observed = agree / n;
  let expected = 0;
  for (const [k, count] of a) expected += (count / n) * ((b.get(k) ?? 0) / n);
  const kappa = 1 - expected < 1e-12 ? null : (observed - expected) / (1 - expected);
  return { n, observed, expected, kappa };
}
