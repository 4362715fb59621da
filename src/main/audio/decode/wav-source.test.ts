import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exactRamp, writeWav } from '../../../../test/fixtures/audio-fixtures';
import { openAudioSource } from './open';
import type { AudioSource } from '../source';

const dir = mkdtempSync(join(tmpdir(), 'earmark-wav-src-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(src: AudioSource, opts: Parameters<AudioSource['stream']>[0] = {}) {
  const parts: Float32Array[] = [];
  let expectFrame = opts.startFrame ?? 0;
  for await (const c of src.stream(opts)) {
    expect(c.frame).toBe(expectFrame);
    expectFrame += c.samples.length;
    parts.push(c.samples);
  }
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function mix(chs: Float32Array[]): Float32Array {
  const out = new Float32Array(chs[0].length);
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (const c of chs) s += c[i];
    out[i] = s / chs.length;
  }
  return out;
}

const variants: { name: string; bitDepth: 8 | 16 | 24 | 32 | 64; channels: number; float?: boolean; extensible?: boolean }[] = [
  { name: '8-bit mono', bitDepth: 8, channels: 1 },
  { name: '16-bit stereo', bitDepth: 16, channels: 2 },
  { name: '24-bit mono', bitDepth: 24, channels: 1 },
  { name: '24-bit 6-channel extensible', bitDepth: 24, channels: 6, extensible: true },
  { name: '32-bit int stereo', bitDepth: 32, channels: 2 },
  { name: '32-bit float stereo', bitDepth: 32, channels: 2, float: true },
  { name: '64-bit float mono', bitDepth: 64, channels: 1, float: true },
  { name: '16-bit 6-channel extensible', bitDepth: 16, channels: 6, extensible: true },
];

describe('WAV source', () => {
  for (const v of variants) {
    it(`reads ${v.name} sample-exact through stream() and read()`, async () => {
      const frames = 10007; // odd, so chunk edges and the odd-size pad byte are exercised
      const samples = exactRamp(frames, v.channels, v.float ? 16 : (v.bitDepth as 8 | 16 | 24 | 32));
      const path = writeWav(join(dir, `${v.name.replace(/ /g, '_')}.wav`), {
        sampleRate: 8000,
        bitDepth: v.bitDepth,
        float: v.float,
        extensible: v.extensible,
        samples,
      });
      const src = await openAudioSource(path);
      try {
        expect(src.info).toMatchObject({ format: 'wav', sampleRate: 8000, channels: v.channels, totalFrames: frames });
        expect(src.info.durationS).toBeCloseTo(frames / 8000, 9);
        for (let c = 0; c < v.channels; c++) {
          expect(await collect(src, { channel: c, chunkFrames: 1000 })).toEqual(samples[c]);
          expect(await src.read(123, 4567, c)).toEqual(samples[c].slice(123, 4567));
        }
        const mixed = mix(samples);
        const streamed = await collect(src, { chunkFrames: 4096 });
        expect(streamed.length).toBe(frames);
        for (let i = 0; i < frames; i += 97) expect(streamed[i]).toBeCloseTo(mixed[i], 6);
        expect(await collect(src, { startFrame: 5000, endFrame: 6000, channel: 0 })).toEqual(samples[0].slice(5000, 6000));
      } finally {
        await src.close();
      }
    });
  }

  it('zero-fills read() ranges outside the file and clamps stream() ranges', async () => {
    const samples = exactRamp(1000, 1, 16);
    const path = writeWav(join(dir, 'edges.wav'), { sampleRate: 1000, samples });
    const src = await openAudioSource(path);
    const r = await src.read(-10, 20);
    expect(r.length).toBe(30);
    expect([...r.slice(0, 10)].every((x) => x === 0)).toBe(true);
    expect(r.slice(10)).toEqual(samples[0].slice(0, 20));
    const tail = await src.read(990, 1010);
    expect(tail.slice(0, 10)).toEqual(samples[0].slice(990));
    expect([...tail.slice(10)].every((x) => x === 0)).toBe(true);
    expect((await collect(src, { startFrame: 900, endFrame: 5000 })).length).toBe(100);
    expect((await src.read(50, 40)).length).toBe(0);
    await expect(src.read(0, 10, 1)).rejects.toThrow(/channel 1 does not exist \(the file has 1\)/);
    await src.close();
    await expect(src.read(0, 10)).rejects.toThrow(/closed/);
  });

  it('stops streaming when the signal aborts', async () => {
    const path = writeWav(join(dir, 'abort.wav'), { sampleRate: 1000, samples: exactRamp(10000, 1, 16) });
    const src = await openAudioSource(path);
    const ac = new AbortController();
    let chunks = 0;
    await expect(
      (async () => {
        for await (const _ of src.stream({ chunkFrames: 1000, signal: ac.signal })) {
          if (++chunks === 2) ac.abort();
        }
      })(),
    ).rejects.toThrow();
    expect(chunks).toBe(2);
    await src.close();
  });
});

describe('openAudioSource errors', () => {
  it('names the file and the problem', async () => {
    await expect(openAudioSource(join(dir, 'missing.flac'))).rejects.toMatchObject({ code: 'IO', message: `${join(dir, 'missing.flac')}: the file does not exist` });
    await expect(openAudioSource(dir + '/')).rejects.toMatchObject({ code: 'UNSUPPORTED_AUDIO' });
    await expect(openAudioSource(join(dir, 'song.m4a'))).rejects.toMatchObject({ code: 'UNSUPPORTED_AUDIO', message: expect.stringMatching(/"\.m4a" files are not supported/) });
    const huge = writeWav(join(dir, 'claims-4gb.wav'), { sampleRate: 8000, samples: [new Float32Array(100)], dataSizeOverride: 0xffffffff });
    await expect(openAudioSource(huge)).rejects.toMatchObject({ code: 'BROKEN_AUDIO', message: expect.stringMatching(/claims 4294967295 bytes but the file holds only 200/) });
  });
});
