import type { VerdictRow } from '../store/qa-repo';

// What a detection's verdicts mean for the report (issue 6). One detection can carry verdicts of
// several reviewers; rates use its most recent verdict (the last word on it), agreement uses them all.

export type Outcome = 'correct' | 'wrong' | 'relabelled' | 'uncertain';

export interface JudgedDetection {
  prediction_id: number;
  label_id: number;
  score: number;
  outcome: Outcome;
  /** The reviewer's label: the predicted one, another (relabel), or null (negative / uncertain). */
  actual_label_id: number | null;
}

/** A relabel (positive with another label) is wrong for the predicted label. */
export function outcomeOf(row: Pick<VerdictRow, 'status' | 'label_id' | 'verdict_label_id'>): Outcome {
  if (row.status === 'uncertain') return 'uncertain';
  if (row.status === 'negative') return 'wrong';
  return row.verdict_label_id === null || row.verdict_label_id === row.label_id ? 'correct' : 'relabelled';
}

/** The latest verdict per detection; rows must be ordered by prediction_id, then time. */
export function latestVerdicts(rows: readonly VerdictRow[]): JudgedDetection[] {
  const out: JudgedDetection[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (i + 1 < rows.length && rows[i + 1].prediction_id === row.prediction_id) continue;
    const outcome = outcomeOf(row);
    out.push({
      prediction_id: row.prediction_id,
      label_id: row.label_id,
      score: row.score,
      outcome,
      actual_label_id: outcome === 'correct' ? row.label_id : outcome === 'relabelled' ? row.verdict_label_id : null,
    });
  }
  return out;
}

/** Detections whose reviewers disagree (for a note on which verdict the rates used). */
export function disagreements(rows: readonly VerdictRow[]): number {
  let count = 0;
  let i = 0;
  while (i < rows.length) {
    let j = i;
    const seen = new Set<string>();
    while (j < rows.length && rows[j].prediction_id === rows[i].prediction_id) {
      seen.add(`${rows[j].status}:${rows[j].verdict_label_id}`);
      j++;
    }
    if (seen.size > 1) count++;
    i = j;
  }
  return count;
}
