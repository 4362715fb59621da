import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { noise, sine, writeWav } from '../../../../test/fixtures/audio-fixtures';
import { TILE_COLUMNS } from '../../../shared/spectrogram';
import { openAudioSource } from '../decode/open';
import { byteToDb, ColumnComputer } from './columns';
import { computeTile, streamColumns, type Geometry } from './compute';

// The column maths without workers: dB scale, and that streaming and random-access paths agree.

const dir = mkdtempSync(join(tmpdir(), 'earmark-compute-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const geometry = (fftSize: number, totalFrames: number): Geometry => ({
  fftSize,
  hop: fftSize / 2,
  bins: fftSize / 2,
  columns: Math.ceil(totalFrames / (fftSize / 2)),
  totalFrames,
});

describe('ColumnComputer', () => {
  it('reads a sine at a bin centre as its level in dB re full scale, in that bin', () => {
    const c = new ColumnComputer(1024);
    const out = new Uint8Array(512);
    for (const [amp, db] of [
      [1, 0],
      [0.5, -6.02],
      [0.01, -40],
    ]) {
      c.column(sine((100 * 48000) / 1024, 0.1, 48000, amp), 0, out, 0);
      const max = out.indexOf(Math.max(...out));
      expect(max).toBe(100);
      expect(Math.abs(byteToDb(out[100]) - db)).toBeLessThan(0.3);
      expect(byteToDb(out[300])).toBeLessThan(db - 60); // far from the tone: window leakage only
    }
    c.column(new Float32Array(1024), 0, out, 0);
    expect(Math.max(...out)).toBe(0); // silence is the floor, not NaN
  });
});

describe('streamColumns and computeTile', () => {
  // 2.3 s of noise + tone: not a multiple of the hop or the tile width, so edge padding is exercised.
  const sr = 16000;
  const frames = Math.round(2.3 * sr);
  const n = noise(2.3, sr, 0.05);
  const s = sine(1234, 2.3, sr, 0.3);
  const wav = writeWav(join(dir, 'mix.wav'), { sampleRate: sr, samples: [n.map((x, i) => x + s[i])] });

  it('gives byte-identical level-0 tiles whether streamed or read at random', async () => {
    const src = await openAudioSource(wav);
    try {
      for (const fft of [256, 1024]) {
        const g = geometry(fft, frames);
        const streamed = new Uint8Array(g.columns * g.bins);
        let blocks = 0;
        await streamColumns(src, g, 0, g.columns, 100, (first, bytes, count) => {
          streamed.set(bytes.subarray(0, count * g.bins), first * g.bins);
          blocks++;
        });
        expect(blocks).toBe(Math.ceil(g.columns / 100));
        for (let t = 0; t * TILE_COLUMNS < g.columns; t++) {
          const tile = await computeTile(src, g, 0, t);
          const from = t * TILE_COLUMNS * g.bins;
          expect(Buffer.compare(tile, streamed.subarray(from, from + tile.length))).toBe(0);
        }
        // A range in the middle streams the same bytes as the whole file did.
        const mid: Uint8Array[] = [];
        const end = Math.min(90, g.columns - 1);
        await streamColumns(src, g, 37, end, 16, (_f, bytes, count) => void mid.push(bytes.slice(0, count * g.bins)));
        expect(Buffer.compare(Buffer.concat(mid), streamed.subarray(37 * g.bins, end * g.bins))).toBe(0);
      }
    } finally {
      await src.close();
    }
  });

  it('computes coarse columns spanning up to four base columns exactly (per-bin max)', async () => {
    const src = await openAudioSource(wav);
    try {
      const g = geometry(256, frames);
      const base = await computeTile(src, g, 0, 0);
      for (const level of [1, 2]) {
        const tile = await computeTile(src, g, level, 0);
        const span = 2 ** level;
        for (const c of [0, 5, 17]) {
          for (const bin of [0, 10, 40, 77]) {
            let want = 0;
            for (let b = c * span; b < (c + 1) * span; b++) want = Math.max(want, base[b * g.bins + bin]);
            expect(tile[c * g.bins + bin]).toBe(want);
          }
        }
      }
    } finally {
      await src.close();
    }
  });
});
