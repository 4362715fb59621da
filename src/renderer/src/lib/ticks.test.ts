import { describe, expect, it } from 'vitest';
import { niceTicks } from './ticks';

describe('niceTicks', () => {
  it('picks round steps covering the range', () => {
    expect(niceTicks(0, 24000, 6)).toEqual([0, 5000, 10000, 15000, 20000]);
    expect(niceTicks(0, 11025, 5)).toEqual([0, 2000, 4000, 6000, 8000, 10000]);
    expect(niceTicks(1500, 2600, 5)).toEqual([1600, 1800, 2000, 2200, 2400, 2600]);
  });
  it('returns nothing for an empty range', () => {
    expect(niceTicks(5, 5, 4)).toEqual([]);
  });
});
