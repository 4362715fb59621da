import { describe, expect, it } from 'vitest';
import { clockSeconds, timeCountsByLabel } from './time-counts';

describe('clockSeconds', () => {
  it('reads the written clock time, ignoring any offset', () => {
    // 2024-05-01T05:30:00 as if UTC: Date.UTC(2024, 4, 1, 5, 30) / 1000 = 1714541400
    expect(clockSeconds('2024-05-01T05:30:00')).toBe(1714541400);
    expect(clockSeconds('2024-05-01T05:30:00+02:00')).toBe(1714541400);
    expect(clockSeconds('2024-05-01T05:30:00Z')).toBe(1714541400);
    expect(clockSeconds('2024-05-01 05:30:12.5')).toBe(1714541412.5);
    expect(clockSeconds('2024-05-01')).toBe(1714521600);
    expect(clockSeconds('dawn')).toBeNull();
  });
});

describe('timeCountsByLabel', () => {
  it('spreads whole clock hours over hour of day and date; null hours are unknown', () => {
    // hour 474039 since the epoch = 19751 days + 15 h -> 2024-01-29 15:00
    const t = timeCountsByLabel(
      [
        { label_id: 1, hour: 474039, n: 4 },
        { label_id: 1, hour: 474039 + 24, n: 2 },
        { label_id: 1, hour: null, n: 5 },
      ],
      new Map([[1, 0.5]]),
    ).get(1)!;
    expect(t.by_hour[15].count).toBe(6);
    expect(t.by_date).toEqual([
      { date: '2024-01-29', count: 4 },
      { date: '2024-01-30', count: 2 },
    ]);
    expect(t.unknown_time).toBe(5);
    expect(t.threshold).toBe(0.5);
  });
});
