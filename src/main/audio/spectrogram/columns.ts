import FFT from 'fft.js';
import { DB_CEIL, DB_FLOOR, hopFor } from '../../../shared/spectrogram';

// One spectrogram column: Hann-windowed FFT of `fftSize` samples, absolute dB re full scale (a
// full-scale sine at a bin centre reads 0 dB), quantised to a byte over DB_FLOOR..DB_CEIL
// (src/shared/spectrogram.ts). This is the hot loop of the whole-file pass (~340k columns per hour at
// 48 kHz), so every buffer is allocated once per computer and the dB conversion is folded into one
// multiply-add on Math.log.

export class ColumnComputer {
  readonly fftSize: number;
  readonly hop: number;
  /** Bins 0 .. fftSize/2 - 1 (DC up to just below Nyquist). */
  readonly bins: number;
  private readonly fft: FFT;
  private readonly window: Float64Array;
  private readonly input: Float64Array;
  private readonly output: Float64Array;
  private readonly a: number;
  private readonly b: number;

  constructor(fftSize: number) {
    this.fftSize = fftSize;
    this.hop = hopFor(fftSize);
    this.bins = fftSize / 2;
    this.fft = new FFT(fftSize);
    this.window = new Float64Array(fftSize);
    let sum = 0;
    for (let i = 0; i < fftSize; i++) {
      // Periodic Hann: its sum is exactly fftSize / 2, so the scale below is exact.
      this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / fftSize);
      sum += this.window[i];
    }
    this.input = new Float64Array(fftSize);
    this.output = new Float64Array(2 * fftSize);
    // byte = (10 log10(power * 4 / sum^2) - floor) * 255 / (ceil - floor) = a ln(power) + b
    const k = 255 / (DB_CEIL - DB_FLOOR);
    this.a = (10 / Math.LN10) * k;
    this.b = (10 * Math.log10(4 / (sum * sum)) - DB_FLOOR) * k;
  }

  /** Computes the column whose frame is samples[offset, offset + fftSize) into dest[destOffset, + bins). */
  column(samples: Float32Array, offset: number, dest: Uint8Array, destOffset: number): void {
    const n = this.fftSize;
    const input = this.input;
    const w = this.window;
    for (let i = 0; i < n; i++) input[i] = samples[offset + i] * w[i];
    this.fft.realTransform(this.output, input);
    const out = this.output;
    const a = this.a;
    const b = this.b;
    const bins = this.bins;
    for (let k = 0; k < bins; k++) {
      const re = out[2 * k];
      const im = out[2 * k + 1];
      const power = re * re + im * im;
      // log(0) = -Infinity gives x = -Infinity, which clamps to 0 below.
      const x = a * Math.log(power) + b;
      dest[destOffset + k] = x <= 0 ? 0 : x >= 255 ? 255 : (x + 0.5) | 0;
    }
  }
}

/** Per-bin maximum of `count` bytes: how coarse columns keep clicks and calls (max, not mean). */
export function maxInto(dest: Uint8Array, destOffset: number, src: Uint8Array, srcOffset: number, count: number): void {
  for (let i = 0; i < count; i++) {
    const v = src[srcOffset + i];
    if (v > dest[destOffset + i]) dest[destOffset + i] = v;
  }
}

/** dB value a byte stands for (the renderer's mapping), for tests and tools. */
export function byteToDb(b: number): number {
  return (b / 255) * (DB_CEIL - DB_FLOOR) + DB_FLOOR;
}
