import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { noise, sine, writeWav } from '../../../../test/fixtures/audio-fixtures';
import { EarmarkError } from '../../../shared/errors';
import { columnsAtLevel, DEFAULT_FFT_SIZE, TILE_COLUMNS, tilesAtLevel } from '../../../shared/spectrogram';
import { byteToDb } from './columns';
import { fftDir, levelFile, recordingCacheDir } from './cache';
import { SpectrogramService, type CacheStateEvent, type RecordingRef } from './service';

// The service end to end: real WAV files, real worker threads, real cache files.

const root = mkdtempSync(join(tmpdir(), 'earmark-spectro-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const services: SpectrogramService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
});
let n = 0;
function service(cacheDir = join(root, `cache${n++}`)): SpectrogramService {
  const s = new SpectrogramService({ cacheDir, workers: 2 });
  services.push(s);
  return s;
}
const ref = (id: number, path: string): RecordingRef => ({ id, path, fingerprint: `sha256:${id}-${path.length}` });

const SR = 48000;
const HOP = DEFAULT_FFT_SIZE / 2;
/** 30 s of quiet noise with a tone at bin 160 (7.5 kHz) and a click at 12.345 s. */
const CLICK_S = 12.345;
function testWav(name: string): string {
  const x = noise(30, SR, 0.001);
  const tone = sine((160 * SR) / DEFAULT_FFT_SIZE, 30, SR, 0.25);
  for (let i = 0; i < x.length; i++) x[i] += tone[i];
  x[Math.round(CLICK_S * SR)] = 0.95;
  return writeWav(join(root, name), { sampleRate: SR, samples: [x] });
}
const wav = testWav('tone-click.wav');

/** Column of a tile with the most energy above the tone (a click is broadband). */
function loudestColumn(tile: Uint8Array, bins: number, fromBin: number): number {
  let best = -1;
  let bestSum = -1;
  for (let c = 0; c < tile.length / bins; c++) {
    let sum = 0;
    for (let b = fromBin; b < bins; b++) sum += tile[c * bins + b];
    if (sum > bestSum) [best, bestSum] = [c, sum];
  }
  return best;
}

async function allTiles(s: SpectrogramService, rec: RecordingRef, level: number): Promise<Uint8Array> {
  const info = await s.info(rec, DEFAULT_FFT_SIZE);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < tilesAtLevel(info.columns, level); i++) parts.push(await s.tile(rec, DEFAULT_FFT_SIZE, level, i));
  return Buffer.concat(parts);
}

describe('SpectrogramService', () => {
  it('describes the pyramid and shows a tone in its bin row before any pass', async () => {
    const s = service();
    const rec = ref(1, wav);
    const info = await s.info(rec, DEFAULT_FFT_SIZE);
    expect(info).toMatchObject({ sample_rate: SR, total_samples: 30 * SR, hop: HOP, bins: 512, tile_columns: TILE_COLUMNS });
    expect(info.columns).toBe(Math.ceil((30 * SR) / HOP));
    expect(info.cache.state).toBe('pending');
    expect(columnsAtLevel(info.columns, info.levels - 1)).toBeLessThanOrEqual(TILE_COLUMNS);
    const tile = await s.tile(rec, DEFAULT_FFT_SIZE, 0, 3);
    expect(tile.length).toBe(TILE_COLUMNS * 512);
    for (const c of [0, 100, 255]) {
      const col = tile.subarray(c * 512, (c + 1) * 512);
      expect(col.indexOf(Math.max(...col))).toBe(160);
      expect(Math.abs(byteToDb(col[160]) - -12.04)).toBeLessThan(0.5);
    }
    // Another FFT size: the same tone, at its own bin (7.5 kHz = bin 320 of 2048).
    const t2 = await s.tile(rec, 2048, 0, 0);
    const col = t2.subarray(50 * 1024, 51 * 1024);
    expect(col.indexOf(Math.max(...col))).toBe(320);
  });

  it('puts a click in the right column at level 0 and keeps it at every level of the pass', async () => {
    const s = service();
    const rec = ref(2, wav);
    const events: CacheStateEvent[] = [];
    s.onCacheState((e) => events.push(e));
    const clickCol = Math.round((CLICK_S * SR) / HOP);
    const t0 = Math.floor(clickCol / TILE_COLUMNS);
    const onDemand = await s.tile(rec, DEFAULT_FFT_SIZE, 0, t0);
    expect(t0 * TILE_COLUMNS + loudestColumn(onDemand, 512, 300)).toBe(clickCol);

    s.ensureBackgroundPass(rec);
    s.ensureBackgroundPass(rec); // idempotent
    await s.passFinished(rec);
    expect(events.at(-1)).toEqual({ recording_id: 2, state: 'done', progress: 1 });
    expect(events.some((e) => e.state === 'running')).toBe(true);
    const info = await s.info(rec, DEFAULT_FFT_SIZE);
    expect(info.cache).toEqual({ state: 'done', progress: 1 });
    for (let level = 0; level < info.levels; level++) {
      const col = Math.floor(clickCol / 2 ** level);
      const index = Math.floor(col / TILE_COLUMNS);
      const tile = await s.tile(rec, DEFAULT_FFT_SIZE, level, index);
      expect(index * TILE_COLUMNS + loudestColumn(tile, 512, 300)).toBe(col);
    }
    // Coarse levels on disk are exactly the per-bin max of column pairs of the level below.
    const dir = fftDir(recordingCacheDir(join(root, `cache${n - 1}`), rec.fingerprint), DEFAULT_FFT_SIZE);
    for (let level = 1; level < info.levels; level++) {
      const below = readFileSync(levelFile(dir, level - 1));
      const here = readFileSync(levelFile(dir, level));
      expect(here.length).toBe(columnsAtLevel(info.columns, level) * 512);
      for (let i = 0; i < here.length; i++) {
        const c = Math.floor(i / 512);
        const b = i % 512;
        const a = below[2 * c * 512 + b];
        const d = 2 * c + 1 < below.length / 512 ? below[(2 * c + 1) * 512 + b] : 0;
        if (here[i] !== Math.max(a, d)) throw new Error(`level ${level} byte ${i}: ${here[i]} is not max(${a}, ${d})`);
      }
    }
  });

  it('serves level-0 tiles from the finished cache byte-identical to on-demand ones, across instances', async () => {
    const cacheDir = join(root, 'shared-cache');
    const rec = ref(3, wav);
    const cold = service(join(root, 'no-cache'));
    const computed = await allTiles(cold, rec, 0);

    const first = service(cacheDir);
    first.ensureBackgroundPass(rec);
    await first.passFinished(rec);
    const dir = fftDir(recordingCacheDir(cacheDir, rec.fingerprint), DEFAULT_FFT_SIZE);
    const mtime = statSync(levelFile(dir, 0)).mtimeMs;
    const peaks1 = await first.peaks(rec);
    await first.close();
    const peaksMtime = statSync(join(recordingCacheDir(cacheDir, rec.fingerprint), 'peaks.f32')).mtimeMs;

    // A recording that moved keeps its fingerprint, so a new instance finds the cache.
    const second = service(cacheDir);
    const moved = { ...rec, path: join(root, 'does-not-matter-for-cached-tiles.wav') };
    expect((await second.info(rec, DEFAULT_FFT_SIZE)).cache.state).toBe('done');
    second.ensureBackgroundPass(rec);
    await second.passFinished(rec);
    expect(Buffer.compare(await allTiles(second, moved, 0), computed)).toBe(0);
    expect(statSync(levelFile(dir, 0)).mtimeMs).toBe(mtime); // not recomputed
    expect(Array.from(await second.peaks(rec))).toEqual(Array.from(peaks1));
    expect(statSync(join(recordingCacheDir(cacheDir, rec.fingerprint), 'peaks.f32')).mtimeMs).toBe(peaksMtime);
  });

  it('answers a visible tile while the whole-file pass is still running', async () => {
    // 40 minutes at 8 kHz: a pass of ~37k columns, long enough to still run when the tile is back.
    const sr = 8000;
    const frames = 40 * 60 * sr;
    // Header from writeWav, samples appended in blocks (writeWav's per-sample encoder is slow at this size).
    const path = writeWav(join(root, 'long.wav'), { sampleRate: sr, samples: [new Float32Array(0)], dataSizeOverride: frames * 2 });
    const block = new Int16Array(sr * 60);
    for (let i = 0; i < block.length; i++) block[i] = Math.round(0.3 * 32767 * Math.sin((2 * Math.PI * 1000 * i) / sr));
    for (let m = 0; m < 40; m++) appendFileSync(path, new Uint8Array(block.buffer));
    const s = service();
    const rec = ref(9, path);
    const info = await s.info(rec, DEFAULT_FFT_SIZE);
    s.ensureBackgroundPass(rec);
    const last = tilesAtLevel(info.columns, 0) - 1;
    const tile = await s.tile(rec, DEFAULT_FFT_SIZE, 0, last);
    expect((await s.info(rec, DEFAULT_FFT_SIZE)).cache.state).toBe('running');
    expect(tile.length).toBe((info.columns - last * TILE_COLUMNS) * info.bins);
    const col = tile.subarray(0, info.bins);
    expect(col.indexOf(Math.max(...col))).toBe(128); // 1 kHz at 8 kHz / 1024
    await s.passFinished(rec);
    expect(Buffer.compare(await s.tile(rec, DEFAULT_FFT_SIZE, 0, last), tile)).toBe(0);
  });

  it('never uses a cache whose pass did not finish', async () => {
    const cacheDir = join(root, 'half-cache');
    const rec = ref(4, wav);
    const first = service(cacheDir);
    first.ensureBackgroundPass(rec);
    await first.passFinished(rec);
    await first.close();
    const dir = fftDir(recordingCacheDir(cacheDir, rec.fingerprint), DEFAULT_FFT_SIZE);
    unlinkSync(join(dir, 'state.json'));
    writeFileSync(levelFile(dir, 0), Buffer.alloc(statSync(levelFile(dir, 0)).size, 0xff));
    const second = service(cacheDir);
    expect((await second.info(rec, DEFAULT_FFT_SIZE)).cache.state).toBe('pending');
    const tile = await second.tile(rec, DEFAULT_FFT_SIZE, 0, 0);
    expect(tile.some((b) => b !== 0xff)).toBe(true);
    second.ensureBackgroundPass(rec);
    await second.passFinished(rec);
    expect(existsSync(join(dir, 'state.json'))).toBe(true);
    expect(readFileSync(levelFile(dir, 0)).subarray(0, tile.length).equals(tile)).toBe(true);
  });

  it('handles a 384 kHz file: a 40 kHz tone lands in its bin, bins reach 192 kHz', async () => {
    const sr = 384000;
    const path = writeWav(join(root, 'bat.wav'), { sampleRate: sr, samples: [sine(40000, 3, sr, 0.3)] });
    const s = service();
    const rec = ref(5, path);
    const info = await s.info(rec, DEFAULT_FFT_SIZE);
    expect(((info.bins - 1) * sr) / info.fft_size).toBeGreaterThan(191000);
    const tile = await s.tile(rec, DEFAULT_FFT_SIZE, 0, 2);
    const col = tile.subarray(10 * 512, 11 * 512);
    expect(Math.abs(col.indexOf(Math.max(...col)) - (40000 * 1024) / sr)).toBeLessThanOrEqual(0.5);
    const top = await s.tile(rec, DEFAULT_FFT_SIZE, info.levels - 1, 0);
    const topCol = top.subarray(0, 512);
    expect(Math.abs(topCol.indexOf(Math.max(...topCol)) - (40000 * 1024) / sr)).toBeLessThanOrEqual(0.5);
  });

  it('computes peaks as max |x| over channels per bucket', async () => {
    // 12 s stereo: left a 0.5 sine, right silent except a 0.9 spike at 7 s and a 0.25 sine at 9-10 s.
    const sr = 48000;
    const frames = 12 * sr;
    const left = sine(440, 12, sr, 0.5);
    const right = new Float32Array(frames);
    right[7 * sr + 123] = -0.9;
    const later = sine(1000, 1, sr, 0.25);
    right.set(later, 9 * sr);
    for (let i = 8 * sr; i < frames; i++) left[i] = 0;
    const path = writeWav(join(root, 'stereo.wav'), { sampleRate: sr, samples: [left, right] });
    const s = service();
    const rec = ref(6, path);
    const info = await s.info(rec, DEFAULT_FFT_SIZE);
    const peaks = await s.peaks(rec);
    const spb = sr / info.peaks_per_second;
    expect(Number.isInteger(spb)).toBe(true);
    expect(peaks.length).toBe(Math.ceil(frames / spb));
    expect(peaks.length).toBeLessThanOrEqual(500_000);
    const at = (t: number) => peaks[Math.floor((t * sr) / spb)];
    const maxIn = (t0: number, t1: number) => Math.max(...peaks.subarray(Math.floor((t0 * sr) / spb), Math.floor((t1 * sr) / spb)));
    expect(maxIn(1, 1.01)).toBeGreaterThan(0.49); // 440 Hz: a crest every 2.3 ms
    expect(maxIn(1, 1.01)).toBeLessThanOrEqual(0.5 + 1e-4);
    expect(at((7 * sr + 123) / sr)).toBeCloseTo(0.9, 3);
    expect(at(8.5)).toBe(0);
    expect(maxIn(9, 10)).toBeCloseTo(0.25, 3);
    expect(maxIn(8.01, 9)).toBe(0);
    expect(at(11)).toBe(0);
  });

  it('rejects levels and tiles that do not exist, and FFT sizes it does not offer', async () => {
    const s = service();
    const rec = ref(7, wav);
    const info = await s.info(rec, DEFAULT_FFT_SIZE);
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: EarmarkError) => e.code);
    expect(await code(s.tile(rec, DEFAULT_FFT_SIZE, info.levels, 0))).toBe('NOT_FOUND');
    expect(await code(s.tile(rec, DEFAULT_FFT_SIZE, -1, 0))).toBe('NOT_FOUND');
    expect(await code(s.tile(rec, DEFAULT_FFT_SIZE, 0, tilesAtLevel(info.columns, 0)))).toBe('NOT_FOUND');
    expect(await code(s.tile(rec, DEFAULT_FFT_SIZE, 0, 1.5))).toBe('NOT_FOUND');
    expect(await code(s.tile(rec, 1000, 0, 0))).toBe('BAD_INPUT');
    expect(await code(s.info(rec, 333))).toBe('BAD_INPUT');
    const junk = join(root, 'junk.wav');
    writeFileSync(junk, 'RIFF....WAVEnot really a wav file at all');
    expect(await code(s.tile(ref(8, junk), DEFAULT_FFT_SIZE, 0, 0))).toBe('BROKEN_AUDIO');
  });
});
