// Precision-recall from matched detections, and average precision (issue 6).

export interface RankedHit {
  score: number;
  /** Matched to a reference annotation (true positive). */
  hit: boolean;
  /** The first detection of its reference (recall counts these); the same as hit when matching is one-to-one. */
  found?: boolean;
}

export interface PrCurvePoint {
  score: number;
  precision: number;
  recall: number;
}

/**
 * One point per distinct score (detections with equal scores enter together, since no threshold can
 * separate them), from the highest score down. `hits` must be sorted by score descending.
 */
export function prCurve(hits: readonly RankedHit[], references: number): PrCurvePoint[] {
  const points: PrCurvePoint[] = [];
  if (references <= 0) return points;
  let tp = 0;
  let found = 0;
  for (let i = 0; i < hits.length; i++) {
    if (hits[i].hit) tp++;
    if (hits[i].found ?? hits[i].hit) found++;
    if (i + 1 < hits.length && hits[i + 1].score === hits[i].score) continue;
    points.push({ score: hits[i].score, precision: tp / (i + 1), recall: found / references });
  }
  return points;
}

/**
 * All-points interpolated average precision (PASCAL VOC 2010+): precision is made monotone from the
 * right (p_interp(r) = max precision at recall >= r) and integrated over recall as a step function.
 * Recall never reached (unmatched references) contributes 0. Null without references.
 */
export function averagePrecision(curve: readonly PrCurvePoint[], references: number): number | null {
  if (references <= 0) return null;
  let ap = 0;
  let best = 0;
  // Walk from the lowest threshold (highest recall) up, carrying the running max precision.
  for (let i = curve.length - 1; i >= 0; i--) {
    best = Math.max(best, curve[i].precision);
    const prevRecall = i > 0 ? curve[i - 1].recall : 0;
    ap += (curve[i].recall - prevRecall) * best;
  }
  return ap;
}

/** At most `max` points, keeping the first and last and spreading the rest evenly by index. */
export function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const out: T[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]);
  return out;
}
