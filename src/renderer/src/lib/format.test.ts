import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatHz, formatKHz, formatStartTime } from './format';

describe('format', () => {
  it('formats durations as h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00:00');
    expect(formatDuration(59.6)).toBe('0:01:00');
    expect(formatDuration(3 * 3600 + 5 * 60 + 7)).toBe('3:05:07');
    expect(formatDuration(null)).toBe('—');
  });
  it('formats playback clocks with tenths', () => {
    expect(formatClock(0)).toBe('0:00.0');
    expect(formatClock(61.25)).toBe('1:01.2');
    expect(formatClock(3725.99)).toBe('1:02:05.9');
  });
  it('formats sample rates in kHz', () => {
    expect(formatKHz(48000)).toBe('48');
    expect(formatKHz(22050)).toBe('22.05');
    expect(formatKHz(384000)).toBe('384');
    expect(formatKHz(null)).toBe('—');
  });
  it('formats frequencies', () => {
    expect(formatHz(500)).toBe('500 Hz');
    expect(formatHz(2000)).toBe('2 kHz');
    expect(formatHz(12500)).toBe('12.5 kHz');
  });
  it('keeps start times in the zone the source gave', () => {
    expect(formatStartTime('2024-05-01T04:30:00')).toBe('2024-05-01 04:30:00');
    expect(formatStartTime('2024-05-01T04:30:00+02:00')).toBe('2024-05-01 04:30:00 +02:00');
    expect(formatStartTime('2024-05-01T04:30:00.000Z')).toBe('2024-05-01 04:30:00 UTC');
    expect(formatStartTime(null)).toBe('—');
  });
});
