import { afterEach, describe, expect, it } from 'vitest';
import { DatasetOptions, type DatasetOptionsInput } from '../../../shared/contract-dataset';
import { useTempDir } from '../../../../test/helpers/temp-dir';
import { planDataset } from './plan';
import { buildDatasetProject, smallScenario, type DatasetFixture } from './testing';

const temp = useTempDir('earmark-plan-');
let fixture: DatasetFixture | null = null;
afterEach(async () => {
  await fixture?.project.close();
  fixture = null;
});

async function plan(input: DatasetOptionsInput) {
  fixture ??= await buildDatasetProject(temp(), smallScenario());
  return planDataset(fixture.project, DatasetOptions.parse(input));
}

describe('dataset plan', () => {
  it('counts positive clips per split and label before writing; relabel wins; human annotations count', async () => {
    const p = await plan({});
    // positives: thrush x3 (incl. relabel) + loose thrush, wren x3, robin (human) = 8
    expect(p.summary.total_clips).toBe(8);
    expect(p.summary.labels).toEqual(['robin', 'thrush', 'wren']);
    const perLabel = (label: string) => p.summary.counts.filter((c) => c.label === label).reduce((n, c) => n + c.clips, 0);
    expect([perLabel('thrush'), perLabel('wren'), perLabel('robin')]).toEqual([4, 3, 1]);
    expect(p.summary.total_s).toBeCloseTo(8 * 3, 3);
    // Asked for negative verdicts without a negatives class: never written as positives of their label.
    const asked = await plan({ statuses: ['positive', 'negative'] });
    expect(asked.summary.total_clips).toBe(8);
    expect(asked.summary.warnings.some((w) => /2 rejected detection/.test(w))).toBe(true);
    const relabelled = p.clips.find((c) => c.recording.name === 'north_0502.wav' && c.item.kind === 'prediction')!;
    expect(relabelled.label).toBe('thrush');
  });

  it('keeps fixed-length clips centred and inside the recording; event mode pads and cuts', async () => {
    const p = await plan({ clip_length_s: 3 });
    const south = p.clips.filter((c) => c.recording.name === 'south_0501.wav').map((c) => [c.start_s, c.end_s]);
    expect(south).toEqual([[0, 3], [17, 20]]);
    const north = p.clips.find((c) => c.recording.name === 'north 0501.wav')!;
    expect([north.start_s, north.end_s]).toEqual([1, 4]);
    const e = await plan({ clip_mode: 'event', padding_s: 0.5 });
    expect(e.clips.filter((c) => c.recording.name === 'south_0501.wav').map((c) => [c.start_s, c.end_s])).toEqual([[0, 1.3], [19, 20]]);
  });

  it('exports rejected detections as a negatives class with a configurable name', async () => {
    const p = await plan({ negatives: true, negatives_label: 'background' });
    const negatives = p.clips.filter((c) => c.label === 'background');
    expect(negatives).toHaveLength(2);
    expect(negatives.every((c) => c.item.status === 'negative')).toBe(true);
    expect(p.summary.labels).toContain('background');
    // Listing statuses does not switch negatives off.
    expect((await plan({ negatives: true, statuses: ['positive'] })).summary.total_clips).toBe(10);
  });

  it('filters by label and status, and by per-label thresholds recorded in the applied filter', async () => {
    expect((await plan({ labels: ['Wren'] })).summary.total_clips).toBe(3);
    expect((await plan({ statuses: ['uncertain'] })).clips.map((c) => c.label)).toEqual(['robin']);
    fixture!.project.thresholds.set({ model_id: '', label_id: fixture!.labelId('wren'), threshold: 0.8, source: 'manual' });
    const p = await plan({ apply_thresholds: true, labels: ['wren'] });
    expect(p.clips.map((c) => c.item.score).sort()).toEqual([0.85, 0.9]);
    expect(p.applied.thresholds).toEqual([{ model_id: 'fixture-model', label: 'wren', threshold: 0.8 }]);
  });

  it.each(['recording', 'site', 'date'] as const)('never puts one %s in two splits', async (by) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const p = await plan({ split_by: by, seed, fractions: [0.5, 0.25, 0.25], statuses: ['positive', 'negative', 'uncertain', 'unreviewed'] });
      const seen = new Map<string, Set<string>>();
      for (const c of p.clips) {
        const key = by === 'recording' ? c.recording.path : by === 'site' ? (c.recording.site ?? c.recording.path) : (c.recording.start_time?.slice(0, 10) ?? c.recording.path);
        if (!seen.has(key)) seen.set(key, new Set());
        seen.get(key)!.add(c.split);
      }
      for (const [key, splits] of seen) expect(splits.size, `${key} with seed ${seed}`).toBe(1);
    }
  });

  it('gives the same splits for the same seed and different ones for another seed', async () => {
    const splits = async (seed: number) => (await plan({ seed, split_by: 'recording' })).clips.map((c) => `${c.item.id}:${c.split}`);
    expect(await splits(11)).toEqual(await splits(11));
    const base = (await splits(11)).join();
    const others = [];
    for (const seed of [12, 13, 14, 15]) others.push((await splits(seed)).join());
    expect(others.some((o) => o !== base)).toBe(true);
  });
});
