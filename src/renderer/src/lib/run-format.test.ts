import { describe, expect, it } from 'vitest';
import { formatAudioProgress, formatEta, formatTimeLeft, formatScore, formatSpeed, overlapPercent, runFraction } from './run-format';

describe('run-format', () => {
  it('formats speed as x realtime, whole above 10', () => {
    expect(formatSpeed(143.4)).toBe('143x realtime');
    expect(formatSpeed(2.54)).toBe('2.5x realtime');
    expect(formatSpeed(0)).toBe('—');
    expect(formatSpeed(Number.NaN)).toBe('—');
  });
  it('formats time left in seconds, minutes or hours', () => {
    expect(formatEta(null)).toBe('—');
    expect(formatEta(44.2)).toBe('45 s');
    expect(formatEta(187)).toBe('3 min 07 s');
    expect(formatEta(2 * 3600 + 5 * 60 + 10)).toBe('2 h 05 min');
    expect(formatEta(-1)).toBe('—');
  });
  it('says time left, or that it is being estimated', () => {
    expect(formatTimeLeft(null)).toBe('estimating time left');
    expect(formatTimeLeft(5)).toBe('5 s left');
  });
  it('formats audio processed as h:mm:ss of the total', () => {
    expect(formatAudioProgress(750, 6000)).toBe('0:12:30 / 1:40:00');
  });
  it('computes the overlap of windows', () => {
    expect(overlapPercent(3, 1.5)).toBe(50);
    expect(overlapPercent(0.975, 0.5)).toBe(49);
    expect(overlapPercent(1, 1)).toBe(0);
    expect(overlapPercent(1, 2)).toBe(0);
    expect(overlapPercent(0, 1)).toBe(0);
  });
  it('measures progress by audio when the total is known, else by files', () => {
    expect(runFraction({ audio_s_done: 30, audio_s_total: 120, files_done: 9, files_total: 10 })).toBe(0.25);
    expect(runFraction({ audio_s_done: 0, audio_s_total: 0, files_done: 1, files_total: 4 })).toBe(0.25);
    expect(runFraction({ audio_s_done: 0, audio_s_total: 0, files_done: 0, files_total: 0 })).toBe(0);
  });
  it('shows scores with two decimals', () => {
    expect(formatScore(0.8349)).toBe('0.83');
  });
});
