import type { ConfusionCell, KappaPair } from '../../shared/qa';
import type { VerdictRow } from '../store/qa-repo';
import { cohenKappa } from './kappa';
import type { JudgedDetection } from './verdicts';

// Section 4: what the model said against what the reviewer said, and how far reviewers agree.

export const NONE = 'none';

/** Predicted label × reviewer's label over judged detections (uncertain left out); "none" = negative. */
export function confusionOf(judged: readonly JudgedDetection[], labelName: (id: number) => string): ConfusionCell[] {
  const cells = new Map<string, ConfusionCell>();
  for (const j of judged) {
    if (j.outcome === 'uncertain') continue;
    const key = `${j.label_id}:${j.actual_label_id}`;
    const cell = cells.get(key);
    if (cell) cell.count++;
    else
      cells.set(key, {
        predicted_label_id: j.label_id,
        predicted: labelName(j.label_id),
        actual_label_id: j.actual_label_id,
        actual: j.actual_label_id === null ? NONE : labelName(j.actual_label_id),
        count: 1,
      });
  }
  return [...cells.values()].sort((a, b) => a.predicted.localeCompare(b.predicted) || b.count - a.count || a.actual.localeCompare(b.actual));
}

/** A verdict's category for agreement: positive-with-label X, negative, uncertain. */
export function categoryOf(row: Pick<VerdictRow, 'status' | 'label_id' | 'verdict_label_id'>): string {
  if (row.status === 'positive') return `positive:${row.verdict_label_id ?? row.label_id}`;
  return row.status;
}

export const UNNAMED = '(no reviewer name)';

/** Cohen's kappa for every pair of reviewers, on the detections both judged. */
export function agreementOf(rows: readonly VerdictRow[]): KappaPair[] {
  const byReviewer = new Map<string, Map<number, string>>();
  for (const row of rows) {
    const name = row.reviewer ?? UNNAMED;
    let verdicts = byReviewer.get(name);
    if (!verdicts) byReviewer.set(name, (verdicts = new Map()));
    verdicts.set(row.prediction_id, categoryOf(row));
  }
  const names = [...byReviewer.keys()].sort();
  const pairs: KappaPair[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let k = i + 1; k < names.length; k++) {
      const a = byReviewer.get(names[i])!;
      const b = byReviewer.get(names[k])!;
      const shared: [string, string][] = [];
      for (const [id, category] of a) {
        const other = b.get(id);
        if (other !== undefined) shared.push([category, other]);
      }
      const r = cohenKappa(shared);
      pairs.push({ reviewer_a: names[i], reviewer_b: names[k], n: r.n, observed_agreement: r.observed, expected_agreement: r.expected, kappa: r.kappa });
    }
  }
  return pairs;
}
