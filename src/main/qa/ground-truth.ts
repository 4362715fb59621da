import type { GroundTruth, GtPoint } from '../../shared/qa';
import { binOf, type DetectionRow, type ReferenceRow } from '../store/qa-repo';
import { averagePrecision, prCurve, thin, type RankedHit } from './average-precision';
import { matchDetections, type MatchRule } from './matching';

// Section 2: detections against the reference annotations of reference recordings (issue 6).

const PR_POINTS = 500;

/**
 * tp/fp: detections right/wrong; fn: references missed; found: references found (= tp when matching is
 * one-to-one; in overlap mode several right detections may find one reference).
 */
export function gtPoint(threshold: number, tp: number, fp: number, fn: number, found = tp): GtPoint {
  const precision = tp + fp > 0 ? tp / (tp + fp) : null;
  const recall = found + fn > 0 ? found / (found + fn) : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : precision === 0 || recall === 0 ? 0 : null;
  return { threshold, tp, fp, fn, precision, recall, f1 };
}

/** Per label: ranked hits (score descending) and the number of reference annotations. */
export function groundTruthByLabel(
  detections: readonly DetectionRow[],
  references: readonly ReferenceRow[],
  labelIds: readonly number[],
  rule: MatchRule,
  bins: number,
): Map<number, GroundTruth> {
  const { ranked } = matchDetections(detections, references, rule);
  const hits = new Map<number, RankedHit[]>(labelIds.map((id) => [id, []]));
  for (const r of ranked) hits.get(r.detection.label_id)?.push({ score: r.detection.score, hit: r.reference >= 0, found: r.found });
  const refCount = new Map<number, number>();
  for (const ref of references) refCount.set(ref.label_id, (refCount.get(ref.label_id) ?? 0) + 1);
  const out = new Map<number, GroundTruth>();
  for (const id of labelIds) out.set(id, labelGroundTruth(hits.get(id)!, refCount.get(id) ?? 0, bins));
  return out;
}

export function labelGroundTruth(hits: readonly RankedHit[], references: number, bins: number): GroundTruth {
  // Counts of matched / unmatched detections per score bin give every threshold at a bin edge.
  const tpBin = new Array<number>(bins).fill(0);
  const fpBin = new Array<number>(bins).fill(0);
  const foundBin = new Array<number>(bins).fill(0);
  let matched = 0;
  for (const h of hits) {
    const b = binOf(h.score, bins);
    if (h.found ?? h.hit) foundBin[b]++;
    if (h.hit) {
      tpBin[b]++;
      matched++;
    } else fpBin[b]++;
  }
  const by_threshold: GtPoint[] = [];
  let tp = 0;
  let fp = 0;
  let found = 0;
  for (let b = bins - 1; b >= 0; b--) {
    tp += tpBin[b];
    fp += fpBin[b];
    found += foundBin[b];
    by_threshold.unshift(gtPoint(b / bins, tp, fp, references - found, found));
  }
  const curve = prCurve(hits, references);
  // Best F1 over every distinct score, not only bin edges (hits are in descending score order).
  let best: GtPoint | null = null;
  tp = 0;
  found = 0;
  for (let i = 0; i < hits.length; i++) {
    if (hits[i].hit) tp++;
    if (hits[i].found ?? hits[i].hit) found++;
    if (i + 1 < hits.length && hits[i + 1].score === hits[i].score) continue;
    const candidate = gtPoint(hits[i].score, tp, i + 1 - tp, references - found, found);
    if (candidate.f1 !== null && (best === null || candidate.f1 > best.f1!)) best = candidate;
  }
  return {
    reference: references,
    detections: hits.length,
    matched,
    by_threshold,
    pr_curve: thin(curve, PR_POINTS),
    average_precision: averagePrecision(curve, references),
    best_f1: best,
  };
}

/** All labels together (micro: counts summed at each threshold); mAP = mean AP over labels with a reference. */
export function overallGroundTruth(labels: readonly GroundTruth[], bins: number): { by_threshold: GtPoint[]; mean_average_precision: number | null; labels_with_reference: number } {
  const by_threshold = Array.from({ length: bins }, (_, b) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let found = 0;
    for (const l of labels) {
      tp += l.by_threshold[b].tp;
      fp += l.by_threshold[b].fp;
      fn += l.by_threshold[b].fn;
      found += l.reference - l.by_threshold[b].fn;
    }
    return gtPoint(b / bins, tp, fp, fn, found);
  });
  const aps = labels.filter((l) => l.reference > 0).map((l) => l.average_precision ?? 0);
  return {
    by_threshold,
    mean_average_precision: aps.length ? aps.reduce((a, b) => a + b, 0) / aps.length : null,
    labels_with_reference: aps.length,
  };
}
