import { describe, expect, it } from 'vitest';
import { confusionMatrix, interval, kappa, pct, score } from './qa-format';

describe('qa-format', () => {
  it('formats rates, intervals and scores, with a dash for undefined', () => {
    expect(pct(0.625)).toBe('63%');
    expect(pct(0.625, 1)).toBe('62.5%');
    expect(pct(null)).toBe('—');
    expect(interval({ value: 0.62, lo: 0.41, hi: 0.834 })).toBe('62% (41–83%)');
    expect(interval({ value: 0.5, lo: null, hi: null })).toBe('50%');
    expect(interval({ value: null, lo: null, hi: null })).toBe('—');
    expect(score(0.12345)).toBe('0.123');
    expect(score(null)).toBe('—');
    expect(kappa(0.4567)).toBe('0.46');
    expect(kappa(null)).toBe('—');
  });

  it('lays relabels out as a matrix: predicted rows, said-it-was columns, none last', () => {
    const m = confusionMatrix([
      { predicted_label_id: 1, predicted: 'bird', actual_label_id: null, actual: 'none', count: 2 },
      { predicted_label_id: 1, predicted: 'bird', actual_label_id: 1, actual: 'bird', count: 5 },
      { predicted_label_id: 1, predicted: 'bird', actual_label_id: 3, actual: 'insect', count: 1 },
      { predicted_label_id: 2, predicted: 'dog', actual_label_id: 1, actual: 'bird', count: 4 },
    ]);
    expect(m.predicted).toEqual(['bird', 'dog']);
    expect(m.actual).toEqual(['bird', 'insect', 'none']);
    expect(m.count('bird', 'bird')).toBe(5);
    expect(m.count('dog', 'bird')).toBe(4);
    expect(m.count('dog', 'none')).toBe(0);
    expect(m.count('bird', 'none')).toBe(2);
  });
});
