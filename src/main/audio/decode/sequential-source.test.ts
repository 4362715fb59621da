import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MEDIA_DIR } from '../../../../test/fixtures/audio-fixtures';
import { probeRecording } from '../metadata/probe';
import type { AudioSource } from '../source';
import { openAudioSource } from './open';

const dir = mkdtempSync(join(tmpdir(), 'earmark-seq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function decodeAll(src: AudioSource): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  let next = 0;
  for await (const c of src.stream({ chunkFrames: 5000 })) {
    expect(c.frame).toBe(next);
    expect(c.samples.length).toBeLessThanOrEqual(5000);
    next += c.samples.length;
    parts.push(c.samples);
  }
  const out = new Float32Array(next);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const rms = (a: Float32Array) => Math.sqrt(a.reduce((s, x) => s + x * x, 0) / a.length);

describe.each([
  ['cuckoo.mp3', 1152],
  ['cuckoo.ogg', 2048],
])('%s source', (name, frameSize) => {
  const path = join(MEDIA_DIR, name);

  it('decodes to within one frame of the header duration, with real audio', async () => {
    const probe = await probeRecording(path);
    const src = await openAudioSource(path);
    const headerFrames = src.info.totalFrames;
    expect(headerFrames).toBe(Math.round(probe.duration_s * probe.sample_rate));
    const all = await decodeAll(src);
    expect(Math.abs(all.length - headerFrames)).toBeLessThanOrEqual(frameSize);
    expect(src.info.totalFrames).toBe(all.length); // refined by the full pass
    expect(rms(all)).toBeGreaterThan(0.01);
    expect(Math.max(...all.map(Math.abs))).toBeLessThanOrEqual(1.01);
    // read() decodes from the start and must agree with the stream.
    expect(await src.read(30000, 31000)).toEqual(all.slice(30000, 31000));
    expect(await src.read(0, 100, 0)).toEqual(all.slice(0, 100));
    await expect(src.read(0, 10, 1)).rejects.toThrow(/channel 1 does not exist/);
    await src.close();
  });

  it('reports damaged content with the file and the position', async () => {
    const bytes = Buffer.from(readFileSync(path));
    for (let i = 6000; i < 8000; i++) bytes[i] = (i * 31) & 0xff;
    const bad = join(dir, `damaged-${name}`);
    writeFileSync(bad, bytes);
    const src = await openAudioSource(bad);
    await expect(decodeAll(src)).rejects.toThrow(new RegExp(`damaged-${name.replace('.', '\\.')}: the .* data is damaged at \\d+\\.\\d{3} s \\(near byte \\d+ of \\d+`));
    await src.close();
  });
});

it('mp3 and ogg made from the same clip carry the same energy', async () => {
  const [mp3, ogg] = await Promise.all(['cuckoo.mp3', 'cuckoo.ogg'].map((n) => openAudioSource(join(MEDIA_DIR, n))));
  const [a, b] = await Promise.all([decodeAll(mp3), decodeAll(ogg)]);
  expect(rms(a) / rms(b)).toBeGreaterThan(0.9);
  expect(rms(a) / rms(b)).toBeLessThan(1.1);
  await Promise.all([mp3.close(), ogg.close()]);
});
