import { describe, expect, it } from 'vitest';
import { DatasetOptions } from '../../../shared/contract-dataset';
import { datasetOptions, defaultForm, formProblem, outputPath, planGrid, switchFormat } from './export-form';

describe('export form', () => {
  it('builds dataset options the contract accepts, adding negatives only as their own class', () => {
    const form = { ...defaultForm('birds'), statuses: ['positive', 'negative'] as ('positive' | 'negative')[], labels: ['wren'], runId: 3 };
    expect(datasetOptions(form).statuses).toEqual(['positive']);
    const withNeg = datasetOptions({ ...form, negatives: true, negativesLabel: ' noise ' });
    expect(withNeg).toMatchObject({ statuses: ['positive', 'negative'], negatives_label: 'noise', labels: ['wren'], run_id: 3 });
    expect(DatasetOptions.safeParse(withNeg).success).toBe(true);
  });

  it('names what the Node side would refuse', () => {
    expect(formProblem(defaultForm())).toBeNull();
    expect(formProblem({ ...defaultForm(), fractions: [0.8, 0.2, 0.2] })).toMatch(/add up to 1 \(now 1.2\)/);
    expect(formProblem({ ...defaultForm(), statuses: [] })).toMatch(/status/);
    expect(formProblem({ ...defaultForm(), sampleRate: 10 })).toMatch(/Sample rate/);
    expect(formProblem({ ...defaultForm(), format: 'csv', fractions: [1, 1, 1] })).toBeNull();
  });

  it('moves statuses to the other format\'s default only while untouched', () => {
    const csv = switchFormat(defaultForm(), 'csv');
    expect(csv.statuses).toEqual(['positive', 'negative', 'uncertain', 'unreviewed']);
    expect(switchFormat(csv, 'dataset').statuses).toEqual(['positive']);
    const chosen = switchFormat({ ...defaultForm(), statuses: ['positive', 'uncertain'] }, 'raven');
    expect(chosen.statuses).toEqual(['positive', 'uncertain']);
  });

  it('joins the output path with the folder separator of the Node side', () => {
    expect(outputPath({ parent: '/home/a', name: 'ds' })).toBe('/home/a/ds');
    expect(outputPath({ parent: '/', name: 'ds' })).toBe('/ds');
    expect(outputPath({ parent: 'C:\\Users\\a', name: 'ds' })).toBe('C:\\Users\\a\\ds');
    expect(outputPath({ parent: '/x', name: '  ' })).toBe('');
  });

  it('turns plan counts into a label x split grid with totals', () => {
    const grid = planGrid({
      total_clips: 6,
      total_s: 18,
      labels: ['robin', 'wren'],
      groups: { train: 2, validation: 1, test: 1 },
      warnings: [],
      counts: [
        { split: 'train', label: 'robin', clips: 3, seconds: 9 },
        { split: 'test', label: 'robin', clips: 1, seconds: 3 },
        { split: 'validation', label: 'wren', clips: 2, seconds: 6 },
      ],
    });
    expect(grid.clips.robin).toEqual({ train: 3, validation: 0, test: 1 });
    expect(grid.totals).toEqual({ train: 3, validation: 2, test: 1 });
  });
});
