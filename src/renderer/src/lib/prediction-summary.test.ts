import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../../shared/domain';
import { summariseLabels, summariseRuns } from './prediction-summary';

const pred = (id: number, run: number, label_id: number, label: string, color: string): Prediction => ({
  id,
  run,
  start_s: id,
  end_s: id + 1,
  label_id,
  label,
  color,
  score: 0.5,
});

describe('prediction legend summaries', () => {
  const all = [pred(1, 2, 5, 'dog', '#f28e2b'), pred(2, 1, 4, 'bird', '#59a14f'), pred(3, 2, 5, 'dog', '#f28e2b')];
  it('counts predictions per label, sorted by name', () => {
    expect(summariseLabels(all)).toEqual([
      { id: 4, name: 'bird', color: '#59a14f', count: 1 },
      { id: 5, name: 'dog', color: '#f28e2b', count: 2 },
    ]);
  });
  it('counts predictions per run, in run order', () => {
    expect(summariseRuns(all)).toEqual([
      { id: 1, count: 1 },
      { id: 2, count: 2 },
    ]);
  });
});
