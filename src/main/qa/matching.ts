// One-to-one matching of detections to reference annotations on time (issue 6, recall).
// Greedy by score descending, as in VOC/COCO detection evaluation and sound-event evaluation toolkits:
// the most confident detection picks first, so thresholding the result at t equals matching only the
// detections scoring >= t (everything above t is matched before anything below it).

export interface TimedDetection {
  recording_id: number;
  label_id: number;
  start_s: number;
  end_s: number;
  score: number;
}

export interface TimedReference {
  recording_id: number;
  label_id: number;
  start_s: number;
  end_s: number;
}

export type MatchRule = { mode: 'overlap' } | { mode: 'iou'; iou: number } | { mode: 'onset'; tolerance_s: number };

/** Intersection over union of two time intervals (0 when disjoint; 0-length intervals never match). */
export function timeIou(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const inter = Math.min(aEnd, bEnd) - Math.max(aStart, bStart);
  if (inter <= 0) return 0;
  const union = Math.max(aEnd, bEnd) - Math.min(aStart, bStart);
  return union > 0 ? inter / union : 0;
}

/**
 * How well a detection fits a reference under the rule, larger is better; null when it does not match.
 * iou: the IoU itself; onset: minus the onset distance (the closest onset wins).
 */
function fit(rule: MatchRule, d: TimedDetection, r: TimedReference): number | null {
  if (rule.mode === 'overlap') {
    const overlap = Math.min(d.end_s, r.end_s) - Math.max(d.start_s, r.start_s);
    return overlap > 0 ? overlap : null;
  }
  if (rule.mode === 'iou') {
    const iou = timeIou(d.start_s, d.end_s, r.start_s, r.end_s);
    // A tiny epsilon so that an exact 0.5 computed as 0.49999999 still counts.
    return iou >= rule.iou - 1e-12 && iou > 0 ? iou : null;
  }
  const distance = Math.abs(d.start_s - r.start_s);
  return distance <= rule.tolerance_s + 1e-12 ? -distance : null;
}

export interface MatchResult {
  /**
   * Detections sorted by score descending (ties: input order), each with its matched reference index or
   * -1, and whether it is the first (highest-scoring) detection of that reference: recall counts those.
   */
  ranked: { detection: TimedDetection; reference: number; found: boolean }[];
  matched: number;
}

/**
 * Matches detections of each (recording, label) to references of the same recording and label. Each
 * detection, in score order, takes the best-fitting reference not yet taken; ties go to the earlier one.
 * In overlap mode references are never used up: a detection prefers one not yet found, else it hits
 * the best-overlapping one that already was (a correct window inside an already found sound).
 */
export function matchDetections(detections: readonly TimedDetection[], references: readonly TimedReference[], rule: MatchRule): MatchResult {
  const byKey = new Map<string, number[]>();
  references.forEach((r, i) => {
    const key = `${r.recording_id}:${r.label_id}`;
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  for (const list of byKey.values()) list.sort((a, b) => references[a].start_s - references[b].start_s);
  const taken = new Uint8Array(references.length);
  const order = detections.map((d, i) => i).sort((a, b) => detections[b].score - detections[a].score || a - b);
  let matched = 0;
  const ranked = order.map((i) => {
    const d = detections[i];
    const candidates = byKey.get(`${d.recording_id}:${d.label_id}`) ?? [];
    const shared = rule.mode === 'overlap';
    let best = -1;
    let bestFit = -Infinity;
    let bestTaken = -1;
    let bestTakenFit = -Infinity;
    for (const j of candidates) {
      const f = fit(rule, d, references[j]);
      if (f === null) continue;
      if (!taken[j] && f > bestFit) {
        best = j;
        bestFit = f;
      } else if (taken[j] && shared && f > bestTakenFit) {
        bestTaken = j;
        bestTakenFit = f;
      }
    }
    if (best >= 0) {
      taken[best] = 1;
      matched++;
      return { detection: d, reference: best, found: true };
    }
    if (bestTaken >= 0) matched++;
    return { detection: d, reference: bestTaken, found: false };
  });
  return { ranked, matched };
}
