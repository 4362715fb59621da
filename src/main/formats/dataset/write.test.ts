import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import wavefile from 'wavefile';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetOptions, type DatasetOptionsInput } from '../../../shared/contract-dataset';
import { EarmarkError } from '../../../shared/errors';
import { useTempDir } from '../../../../test/helpers/temp-dir';
import { planDataset } from './plan';
import { buildDatasetProject, smallScenario, type DatasetFixture } from './testing';
import { ExportCancelled, writeDataset } from './write';

const temp = useTempDir('earmark-dataset-');
let fixture: DatasetFixture | null = null;
afterEach(async () => {
  await fixture?.project.close();
  fixture = null;
});

async function exportTo(out: string, input: DatasetOptionsInput, extra: Partial<Parameters<typeof writeDataset>[1]> = {}) {
  fixture ??= await buildDatasetProject(join(temp(), 'project'), smallScenario());
  const plan = planDataset(fixture.project, DatasetOptions.parse(input));
  const result = await writeDataset(plan, { outDir: out, projectPath: fixture.project.path, ...extra });
  return { plan, result };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function readClip(path: string) {
  const wav = new wavefile.WaveFile(readFileSync(path));
  const fmt = wav.fmt as { sampleRate: number; numChannels: number; bitsPerSample: number };
  const samples = Float64Array.from(wav.getSamples(false, Float64Array) as unknown as Float64Array, (x) => x / 32768);
  return { rate: fmt.sampleRate, channels: fmt.numChannels, bits: fmt.bitsPerSample, samples };
}

const rms = (x: Float64Array, from: number, to: number) => Math.sqrt(x.subarray(from, to).reduce((s, v) => s + v * v, 0) / (to - from));

type Row = Record<string, string>;
const manifest = (out: string) => parse(readFileSync(join(out, 'manifest.csv')), { columns: true }) as Row[];

describe('dataset export', () => {
  it('writes playable clips of the planned length per split and label, named after their source, listed in the manifest', async () => {
    const out = join(temp(), 'out');
    const { plan, result } = await exportTo(out, { seed: 3, negatives: true });
    expect(result.clips).toBe(10);
    const files = walk(out).map((f) => relative(out, f).split('\\').join('/')).sort();
    const rows = manifest(out);
    expect(files.filter((f) => f.endsWith('.wav'))).toEqual(rows.map((r) => r.clip).sort());
    expect(files).toContain('manifest.json');
    for (const row of rows) {
      expect(row.clip).toBe(`${row.split}/${row.label}/${row.clip.split('/')[2]}`);
      const clip = readClip(join(out, row.clip));
      expect([clip.channels, clip.bits]).toEqual([1, 16]);
      expect(clip.rate).toBe(row.source_name === 'west_b.wav' ? 22050 : 16000);
      expect(clip.rate).toBe(Number(row.sample_rate));
      expect(clip.samples.length).toBe(Math.round((Number(row.end_s) - Number(row.start_s)) * clip.rate));
      expect(Number(row.end_s) - Number(row.start_s)).toBeCloseTo(3, 6);
      // The name traces back: recording stem, clip start with ms, label.
      const start = Number(row.start_s);
      const stem = row.source_name.replace(/\.wav$/, '').replace(/ /g, '_');
      expect(row.clip.split('/')[2]).toMatch(new RegExp(`^${stem}_${String(Math.floor(start)).padStart(6, '0')}\\.${((start % 1) * 1000).toFixed(0).padStart(3, '0')}_${row.label}(-\\d+)?\\.wav$`));
      expect(row.source_fingerprint).toMatch(/\S/);
      expect(existsSync(row.source_path)).toBe(true);
    }
    const json = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(json).toMatchObject({ format: 'earmark-dataset', seed: 3, split_by: 'recording', counts: plan.summary.counts });
    expect(rows.filter((r) => r.label === 'negative').every((r) => r.status === 'negative')).toBe(true);
    expect(rows.filter((r) => r.label === 'negative')).toHaveLength(2);
  });

  it('centres the clip on the event: the tone burst sits in the middle of the clip', async () => {
    const out = join(temp(), 'out');
    await exportTo(out, {});
    const row = manifest(out).find((r) => r.source_name === 'north 0501.wav' && r.label === 'thrush')!;
    expect([row.start_s, row.end_s, row.event_start_s, row.event_end_s]).toEqual(['1.000', '4.000', '2', '3']);
    const { samples, rate } = readClip(join(out, row.clip));
    expect(rms(samples, Math.round(1.1 * rate), Math.round(1.9 * rate))).toBeGreaterThan(0.3);
    expect(rms(samples, 0, Math.round(0.9 * rate))).toBeLessThan(0.05);
    expect(rms(samples, Math.round(2.1 * rate), samples.length)).toBeLessThan(0.05);
  });

  it('resamples to a chosen rate with exact clip lengths, keeping the event where it was', async () => {
    const out = join(temp(), 'out');
    await exportTo(out, { sample_rate: 8000, clip_mode: 'event', padding_s: 0.25, statuses: ['positive', 'uncertain'] });
    const rows = manifest(out);
    expect(rows.length).toBe(9);
    for (const row of rows) {
      const clip = readClip(join(out, row.clip));
      expect(clip.rate).toBe(8000);
      expect(clip.samples.length).toBe(Math.round((Number(row.end_s) - Number(row.start_s)) * 8000));
    }
    const row = rows.find((r) => r.source_name === 'west_b.wav')!; // 22050 Hz source, event 4-5.5 s
    const { samples } = readClip(join(out, row.clip));
    expect(rms(samples, 0.35 * 8000, 1.6 * 8000)).toBeGreaterThan(0.3);
    expect(rms(samples, 0, 0.2 * 8000)).toBeLessThan(0.05);
  });

  it('records the thresholds filter it applied in the manifest', async () => {
    const out = join(temp(), 'out');
    fixture = await buildDatasetProject(join(temp(), 'project'), smallScenario());
    fixture.project.thresholds.set({ model_id: 'fixture-model', label_id: fixture.labelId('wren'), threshold: 0.8, source: 'manual' });
    await exportTo(out, { apply_thresholds: true });
    const json = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(json.filter.thresholds).toEqual([{ model_id: 'fixture-model', label: 'wren', threshold: 0.8 }]);
    expect(json.options.apply_thresholds).toBe(true);
    expect(manifest(out).filter((r) => r.label === 'wren').map((r) => Number(r.score)).sort()).toEqual([0.85, 0.9]);
  });

  it('never looks complete while writing, and a cancel leaves nothing behind', async () => {
    const out = join(temp(), 'out');
    const controller = new AbortController();
    const seen: boolean[] = [];
    const run = exportTo(out, {}, {
      id: 'test',
      onProgress: (p) => {
        if (p.done === 3) {
          seen.push(existsSync(out), existsSync(join(`${out}.partial-test`, 'manifest.json')), existsSync(`${out}.partial-test`));
          controller.abort();
        }
      },
      signal: controller.signal,
    });
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(seen).toEqual([false, false, true]);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dirname(out)).filter((n) => n.startsWith('out'))).toEqual([]);
  });

  it('refuses a non-empty folder unless forced, then replaces it', async () => {
    const out = join(temp(), 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'mine');
    const refused = exportTo(out, {});
    await expect(refused).rejects.toBeInstanceOf(EarmarkError);
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readdirSync(out)).toEqual(['keep.txt']);
    await exportTo(out, {}, { force: true });
    expect(existsSync(join(out, 'keep.txt'))).toBe(false);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    expect(readdirSync(dirname(out)).filter((n) => n.startsWith('out'))).toEqual(['out']);
  });

  it('fails naming the recording that cannot be read, and leaves nothing behind', async () => {
    const out = join(temp(), 'out');
    fixture = await buildDatasetProject(join(temp(), 'project'), smallScenario());
    const gone = fixture.project.recordings.list().find((r) => r.name === 'west_a.wav')!;
    rmSync(gone.path);
    const failed = exportTo(out, {});
    await expect(failed).rejects.toBeInstanceOf(EarmarkError);
    await expect(failed).rejects.toThrow(gone.path);
    expect(readdirSync(dirname(out)).filter((n) => n.startsWith('out'))).toEqual([]);
  });
});
