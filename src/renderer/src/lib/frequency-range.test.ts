import { describe, expect, it } from 'vitest';
import { frequencyRange } from './frequency-range';

describe('frequencyRange', () => {
  it('runs to Nyquist by default and clamps a wider wish to it', () => {
    expect(frequencyRange({ minHz: 0, maxHz: null }, 16000)).toEqual({ minHz: 0, maxHz: 8000, nyquist: 8000 });
    expect(frequencyRange({ minHz: 500, maxHz: 20000 }, 22050)).toEqual({ minHz: 500, maxHz: 11025, nyquist: 11025 });
  });

  it('keeps the range at least 1 Hz tall, and assumes 48 kHz until the rate is known', () => {
    expect(frequencyRange({ minHz: 9000, maxHz: null }, 16000)).toEqual({ minHz: 7999, maxHz: 8000, nyquist: 8000 });
    expect(frequencyRange({ minHz: 0, maxHz: null }, null)).toEqual({ minHz: 0, maxHz: 24000, nyquist: 24000 });
  });
});
