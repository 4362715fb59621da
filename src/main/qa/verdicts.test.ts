import { describe, expect, it } from 'vitest';
import type { VerdictRow } from '../store/qa-repo';
import { disagreements, latestVerdicts, outcomeOf } from './verdicts';

const row = (prediction_id: number, reviewer: string, status: VerdictRow['status'], verdict_label_id: number | null, id: number): VerdictRow => ({
  prediction_id,
  label_id: 1,
  score: 0.5,
  reviewer,
  status,
  verdict_label_id,
  updated_at: `2024-01-01T00:00:0${id}Z`,
  id,
});

describe('verdict outcomes', () => {
  it('a relabel is wrong for the predicted label; positive with the own label is right', () => {
    expect(outcomeOf({ status: 'positive', label_id: 1, verdict_label_id: 1 })).toBe('correct');
    expect(outcomeOf({ status: 'positive', label_id: 1, verdict_label_id: null })).toBe('correct');
    expect(outcomeOf({ status: 'positive', label_id: 1, verdict_label_id: 2 })).toBe('relabelled');
    expect(outcomeOf({ status: 'negative', label_id: 1, verdict_label_id: 1 })).toBe('wrong');
    expect(outcomeOf({ status: 'uncertain', label_id: 1, verdict_label_id: 1 })).toBe('uncertain');
  });

  it('the most recent verdict per detection counts; disagreements are counted', () => {
    // detection 7: bob says no, later ann relabels to 2 -> relabelled; detection 8: one verdict
    const rows = [row(7, 'bob', 'negative', 1, 1), row(7, 'ann', 'positive', 2, 2), row(8, 'ann', 'positive', 1, 3)];
    expect(latestVerdicts(rows).map((j) => [j.prediction_id, j.outcome, j.actual_label_id])).toEqual([
      [7, 'relabelled', 2],
      [8, 'correct', 1],
    ]);
    expect(disagreements(rows)).toBe(1);
  });
});
