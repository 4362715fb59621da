import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EarmarkError } from '../../../shared/errors';
import { MEDIA_DIR } from '../../../../test/fixtures/audio-fixtures';
import type { AudioSource, StreamOptions } from '../source';
import { openAudioSource } from './open';

const dir = mkdtempSync(join(tmpdir(), 'earmark-flac-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const media = (n: string) => join(MEDIA_DIR, n);

async function collect(src: AudioSource, opts: StreamOptions = {}): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  let next = opts.startFrame ?? 0;
  for await (const c of src.stream(opts)) {
    expect(c.frame).toBe(next);
    next += c.samples.length;
    parts.push(c.samples);
  }
  const out = new Float32Array(next - (opts.startFrame ?? 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('FLAC source', () => {
  it('decodes a clip exactly like the WAV made from it', async () => {
    const flac = await openAudioSource(media('dog.flac'));
    const wav = await openAudioSource(media('dog.wav'));
    expect(flac.info).toEqual({ ...wav.info, format: 'flac' });
    expect(flac.info.totalFrames).toBe(39616);
    const ref = await collect(wav);
    expect(await collect(flac, { chunkFrames: 3000 })).toEqual(ref);
    expect(await flac.read(10000, 12345)).toEqual(ref.slice(10000, 12345));
    await Promise.all([flac.close(), wav.close()]);
  });

  it('selects channels and mixes a stereo 24-bit file', async () => {
    const src = await openAudioSource(media('owl-stereo-24bit.flac'));
    expect(src.info).toMatchObject({ channels: 2, sampleRate: 44100, totalFrames: 26460 });
    const left = await collect(src, { channel: 0 });
    const right = await collect(src, { channel: 1 });
    const mix = await collect(src);
    expect(left.length).toBe(26460);
    // The fixture was made with `remix 1 1v0.5`: right = left / 2 (to 24-bit precision).
    let energy = 0;
    for (let i = 0; i < left.length; i++) {
      expect(Math.abs(right[i] - left[i] / 2)).toBeLessThan(1e-6);
      expect(mix[i]).toBeCloseTo((left[i] + right[i]) / 2, 6);
      energy += left[i] * left[i];
    }
    expect(energy / left.length).toBeGreaterThan(1e-4); // real audio, not silence
    await src.close();
  });

  it('read(start, end) after an index exists equals the same range from stream()', async () => {
    const src = (await openAudioSource(media('blackbird-8k.flac'))) as AudioSource & { indexSize: number };
    expect(src.info.totalFrames).toBe(63295);
    const whole = await collect(src);
    expect(whole.length).toBe(63295);
    expect(src.indexSize).toBeGreaterThan(3); // one point per second of audio
    for (const [a, b] of [[0, 10], [20000, 20500], [40000, 63295], [63000, 64000], [-50, 100]]) {
      const got = await src.read(a, b);
      expect(got.length).toBe(b - a);
      const expected = new Float32Array(b - a);
      expected.set(whole.slice(Math.max(0, a), Math.min(63295, b)), Math.max(0, -a));
      expect(got).toEqual(expected);
      expect(await collect(src, { startFrame: Math.max(0, a), endFrame: b })).toEqual(whole.slice(Math.max(0, a), Math.min(63295, b)));
    }
    await src.close();
  });

  it('seeks by scanning frame headers when no pass has run yet', async () => {
    const ref = await openAudioSource(media('blackbird-8k.flac'));
    const whole = await collect(ref);
    await ref.close();
    const src = (await openAudioSource(media('blackbird-8k.flac'))) as AudioSource & { indexSize: number };
    expect(src.indexSize).toBe(1);
    expect(await src.read(50000, 51000)).toEqual(whole.slice(50000, 51000));
    expect(src.indexSize).toBeGreaterThan(3);
    expect(await src.read(12345, 23456)).toEqual(whole.slice(12345, 23456));
    await src.close();
  });

  it('seeks with the encoder SEEKTABLE, and ignores a seek point that does not land on its frame', async () => {
    const ref = await openAudioSource(media('blackbird-8k.flac'));
    const whole = await collect(ref);
    await ref.close();
    const src = (await openAudioSource(media('blackbird-8k-seektable.flac'))) as AudioSource & { indexSize: number };
    expect(await src.read(50000, 51000)).toEqual(whole.slice(50000, 51000));
    const plain = (await openAudioSource(media('blackbird-8k.flac'))) as AudioSource & { indexSize: number };
    await plain.read(50000, 51000);
    // The seek point was adopted, so no header scan from the start filled in the points before it.
    expect(src.indexSize).toBeLessThan(plain.indexSize);
    await Promise.all([src.close(), plain.close()]);

    const bytes = Buffer.from(readFileSync(media('blackbird-8k-seektable.flac')));
    expect(bytes.toString('latin1', 0, 4)).toBe('fLaC');
    expect(bytes[42] & 0x7f).toBe(3); // SEEKTABLE right after STREAMINFO
    for (let k = 1; k < 8; k++) bytes.writeBigUInt64BE(bytes.readBigUInt64BE(46 + 18 * k + 8) + 3n, 46 + 18 * k + 8);
    writeFileSync(join(dir, 'bad-seektable.flac'), bytes);
    const bad = await openAudioSource(join(dir, 'bad-seektable.flac'));
    expect(await bad.read(50000, 51000)).toEqual(whole.slice(50000, 51000));
    expect(await bad.read(100, 9000)).toEqual(whole.slice(100, 9000));
    await bad.close();
  });

  it('reads the tiny frames of digital silence at the very end of a file', async () => {
    const path = media('blackbird-8k-silence.flac'); // blackbird-8k + 2 s of silence: ~11-byte frames
    const ref = await openAudioSource(path);
    const whole = await collect(ref);
    await ref.close();
    expect(whole.length).toBe(63295 + 16000);
    const total = whole.length;
    const src = await openAudioSource(path);
    expect(await src.read(total - 100, total)).toEqual(whole.slice(total - 100));
    expect(await src.read(total - 5000, total + 10)).toEqual(Float32Array.from([...whole.slice(total - 5000), ...new Array(10).fill(0)]));
    expect(await src.read(60000, 70000)).toEqual(whole.slice(60000, 70000));
    expect(whole.slice(63295 + 100).every((x) => x === 0)).toBe(true);
    await src.close();
  });

  it('serves many small scattered reads from one source, in any order and concurrently', async () => {
    const ref = await openAudioSource(media('blackbird-8k.flac'));
    const whole = await collect(ref);
    await ref.close();
    const src = await openAudioSource(media('blackbird-8k.flac'));
    const starts = Array.from({ length: 40 }, (_, i) => (i * 7919) % 62000);
    const got = await Promise.all(starts.map((a) => src.read(a, a + 1024, 0)));
    starts.forEach((a, i) => expect(got[i]).toEqual(whole.slice(a, a + 1024)));
    for (const a of starts.reverse()) expect(await src.read(a, a + 300)).toEqual(whole.slice(a, a + 300));
    await src.close();
  });

  it('reports damaged and truncated files with the file name and position', async () => {
    const bytes = readFileSync(media('blackbird-8k.flac'));
    const damaged = Buffer.from(bytes);
    for (let i = 30000; i < 32000; i++) damaged[i] = (i * 31) & 0xff;
    writeFileSync(join(dir, 'damaged.flac'), damaged);
    const src = await openAudioSource(join(dir, 'damaged.flac'));
    const err = await collect(src).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(EarmarkError);
    expect((err as EarmarkError).code).toBe('BROKEN_AUDIO');
    expect((err as EarmarkError).message).toMatch(
      /damaged\.flac: (decoding stopped after \d+ of 63295 samples|the FLAC decoder failed \(.*LOST_SYNC.*\)) at 2\.\d{3} s \(near byte \d+ of \d+\): the file is damaged or truncated/,
    );
    await src.close();

    writeFileSync(join(dir, 'cut.flac'), bytes.subarray(0, 30000));
    const cut = await openAudioSource(join(dir, 'cut.flac'));
    await expect(cut.read(0, 63295)).rejects.toThrow(/cut\.flac: decoding stopped after \d+ of 63295 samples/);
    await cut.close();

    writeFileSync(join(dir, 'noise.flac'), Buffer.alloc(500, 0x41));
    await expect(openAudioSource(join(dir, 'noise.flac'))).rejects.toThrow(/noise\.flac: not a FLAC file \(it starts with "AAAA"/);
  });

  it('stops a stream when its signal aborts', async () => {
    const src = await openAudioSource(media('blackbird-8k.flac'));
    const ac = new AbortController();
    let seen = 0;
    const run = async () => {
      for await (const c of src.stream({ chunkFrames: 1000, signal: ac.signal })) {
        seen += c.samples.length;
        ac.abort();
      }
    };
    await expect(run()).rejects.toThrow();
    expect(seen).toBe(1000); // nothing after the chunk during which it aborted
    // The source stays usable after an aborted stream.
    expect((await src.read(0, 10)).length).toBe(10);
    await src.close();
  });

  it('frees its decoders on close, even mid-stream', async () => {
    const src = await openAudioSource(media('blackbird-8k.flac'));
    const it = src.stream({ chunkFrames: 1000 })[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false);
    await src.close();
    await expect(src.read(0, 10)).rejects.toThrow(/closed/);
  });
});
