import { describe, expect, it } from 'vitest';
import { StreamResampler } from './resample';
import { Windower } from './windower';

const ramp = (n: number, from = 0) => Float32Array.from({ length: n }, (_, i) => from + i);

function cut(total: number, w: number, hopS: number, rate: number, chunk: number, first = 0) {
  const win = new Windower(w, hopS, rate, first);
  const data = ramp(total);
  const out = [];
  for (let i = 0; i < total; i += chunk) out.push(...win.push(data.subarray(i, i + chunk)));
  out.push(...win.finish(total));
  return { out, win };
}

describe('Windower', () => {
  it('starts window k at round(k × hop × rate), whatever the chunk size', () => {
    for (const chunk of [1, 7, 100, 10_000]) {
      const { out, win } = cut(1000, 100, 0.0333, 1000, chunk); // hop 33.3 samples: no drift
      expect(out.map((v) => v.startSample)).toEqual(Array.from({ length: 29 }, (_, k) => Math.round(k * 0.0333 * 1000)));
      expect(win.count(1000)).toBe(29); // window 27 ends at 999 < 1000, so window 28 (932..1032, padded) is the last
      for (const v of out) expect(v.samples[0]).toBe(v.startSample);
    }
  });

  it('zero-pads only the last window, and makes none past the one that reaches the end', () => {
    const { out } = cut(250, 100, 0.1, 1000, 64);
    expect(out.map((v) => v.startSample)).toEqual([0, 100, 200]);
    expect(out[2].samples[49]).toBe(249);
    expect(out[2].samples[50]).toBe(0);
    expect(cut(300, 100, 0.1, 1000, 64).out).toHaveLength(3); // ends exactly: no padded extra window
    expect(cut(50, 100, 0.1, 1000, 64).out.map((v) => v.samples[49])).toEqual([49]); // shorter than a window
    expect(cut(0, 100, 0.1, 1000, 64).out).toHaveLength(0);
  });

  it('starts at a later window for a resumed run', () => {
    const full = cut(1000, 100, 0.05, 1000, 37).out;
    const resumed = cut(1000, 100, 0.05, 1000, 37, 5).out;
    expect(resumed.map((v) => v.index)).toEqual(full.slice(5).map((v) => v.index));
    expect(resumed.map((v) => Array.from(v.samples))).toEqual(full.slice(5).map((v) => Array.from(v.samples)));
  });
});

describe('StreamResampler', () => {
  it('gives the same samples chunk by chunk as in one piece, exactly as many as the duration needs', async () => {
    const input = Float32Array.from({ length: 44100 }, (_, i) => Math.sin(i / 7) * 0.5);
    const whole = await StreamResampler.create(44100, 16000);
    const a = [...whole.push(input), ...whole.finish()];
    const chunked = await StreamResampler.create(44100, 16000);
    const b: number[] = [];
    for (let i = 0; i < input.length; i += 1234) b.push(...chunked.push(input.subarray(i, i + 1234)));
    b.push(...chunked.finish());
    whole.close();
    chunked.close();
    expect(a).toHaveLength(16000);
    expect(b).toHaveLength(16000);
    let maxDiff = 0;
    for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    expect(maxDiff).toBeLessThan(1e-6);
  });
});
