import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import type { Project } from '../app/project';
import { ImportsRepo } from '../store/imports-repo';
import { importTableFile, importTables } from './import-tables';
import { annotationRows, fixture, predictionRows, recordingId, surveyProject } from './testing';

const temp = useTempDir();
let project: Project | null = null;
afterEach(async () => {
  await project?.close();
  project = null;
});

async function open(): Promise<Project> {
  project = await surveyProject(temp());
  return project;
}

describe('importTables', () => {
  it('a Raven table becomes annotations of the recording it is named after, duplicates collapsed, covered', async () => {
    const p = await open();
    const report = await importTableFile(p, fixture('rec1.Table.1.selections.txt'), { format: 'auto' });
    expect(report).toMatchObject({ format: 'raven', rows: 3, matched: 3, unmatched: [], predictions: 0, annotations: 3, run_id: null, recordings: 1 });
    expect(annotationRows(p).map((a) => [a.recording, a.start_s, a.end_s, a.low_hz, a.high_hz, a.label, a.source])).toEqual([
      ['rec1.wav', 1.25, 2.75, 2500, 6000, 'wren', 'import'],
      ['rec1.wav', 10, 12.5, 1200.5, 4300.25, 'robin', 'import'],
      // 0 Hz to Nyquist (rec1 is 16 kHz): a selection without frequency bounds.
      ['rec1.wav', 30.1, 31, null, null, 'wren', 'import'],
    ]);
    const repo = new ImportsRepo(p.db);
    const [row] = repo.list();
    expect(row).toMatchObject({ format: 'raven', rows: 3, matched: 3, unmatched: 0, run_id: null });
    expect(repo.coverage(row.id)).toEqual([recordingId(p, 'rec1.wav')]);
    expect(p.labels.list().map((l) => l.name)).toEqual(['robin', 'wren']);
    expect(new Set(p.labels.list().map((l) => l.color)).size).toBe(2);
  });

  it('a Raven table with no rows still covers its recording', async () => {
    const p = await open();
    const report = await importTableFile(p, fixture('rec3.Table.1.selections.txt'), { format: 'raven' });
    expect(report).toMatchObject({ rows: 0, matched: 0, recordings: 1 });
    const repo = new ImportsRepo(p.db);
    expect(repo.coverage(report.import_id!)).toEqual([recordingId(p, 'rec3.wav')]);
  });

  it('multi-file tables: by Begin Path and File Offset, or by cumulative time; an unknown file is reported with its line', async () => {
    const p = await open();
    const multi = await importTableFile(p, fixture('survey.multi.selections.txt'), { format: 'raven' });
    expect(multi).toMatchObject({ rows: 4, matched: 3, annotations: 3, recordings: 3 });
    expect(multi.unmatched).toEqual([{ line: 7, file: 'D:\\other\\missing.wav', reason: expect.stringContaining('missing.wav') as string }]);
    const cumulative = await importTableFile(p, fixture('survey.cumulative.selections.txt'), { format: 'raven' });
    expect(cumulative).toMatchObject({ rows: 3, matched: 3, unmatched: [] });
    const rows = annotationRows(p).map((a) => [a.recording, a.start_s, a.end_s, a.label]);
    // Both tables place the same three events at the same times inside each file.
    expect(rows).toEqual([
      ['rec1.wav', 5, 6, 'wren'],
      ['rec1.wav', 5, 6, 'wren'],
      ['rec2.wav', 10, 11.5, 'robin'],
      ['rec2.wav', 10, 11.5, 'robin'],
      ['rec3.wav', 10, 12, 'owl'],
      ['rec3.wav', 10, 12, 'owl'],
    ]);
    expect(JSON.parse(new ImportsRepo(p.db).list()[0].report)).toMatchObject({ unmatched: [{ line: 7 }] });
  });

  it('BirdNET rows become predictions of an imported run; the fixed 0-15000 Hz band is not kept', async () => {
    const p = await open();
    const reports = await importTables(p, [fixture('BirdNET_CombinedTable.csv'), fixture('rec2.BirdNET.results.txt')], { format: 'birdnet' });
    expect(reports[0]).toMatchObject({ format: 'birdnet', rows: 3, matched: 2, predictions: 2, annotations: 0 });
    expect(reports[0].unmatched).toEqual([{ line: 4, file: '/data/unknown.wav', reason: expect.stringContaining('unknown.wav') as string }]);
    expect(reports[1]).toMatchObject({ variant: 'birdnet-audacity', rows: 2, matched: 2, predictions: 2 });
    expect(predictionRows(p).map((r) => [r.recording, r.start_s, r.end_s, r.label, r.score])).toEqual([
      ['rec1.wav', 0, 3, 'Eurasian Wren', 0.8123],
      ['rec2.wav', 0, 3, 'Eurasian Blackbird', 0.9001],
      ['rec2.wav', 6, 9, 'European Robin', 0.441],
      ['rec2.wav', 12, 15, 'Eurasian Blackbird', 0.6],
    ]);
    const run = p.runs.get(reports[0].run_id!)!;
    expect(run).toMatchObject({ model_id: 'imported:birdnet', status: 'done' });
    expect(JSON.parse(run.params)).toMatchObject({ imported: { file: fixture('BirdNET_CombinedTable.csv'), format: 'birdnet', variant: 'birdnet-csv' } });
    expect(p.runs.files(run.id).map((f) => f.status)).toEqual(['done', 'done']);
  });

  it('a generic CSV through a mapping: scored rows become predictions, the others annotations; names match case-insensitively', async () => {
    const p = await open();
    const mapping = { start: 'onset_sec', end: 'offset_sec', label: 'species', score: 'prob', low_hz: 'fmin', high_hz: 'fmax', file: 'sound_file' };
    const report = await importTableFile(p, fixture('my-labels.csv'), { format: 'csv', mapping });
    expect(report).toMatchObject({ rows: 3, matched: 2, predictions: 1, annotations: 1 });
    expect(report.unmatched).toEqual([{ line: 4, file: 'nowhere.wav', reason: expect.stringContaining('nowhere.wav') as string }]);
    expect(annotationRows(p).map((a) => [a.recording, a.start_s, a.low_hz, a.high_hz, a.label])).toEqual([['rec1.wav', 1.5, 2000, 6000, 'wren']]);
    expect(predictionRows(p).map((r) => [r.recording, r.start_s, r.label, r.score])).toEqual([['rec2.wav', 3, 'robin', 0.9]]);
    expect(JSON.parse(new ImportsRepo(p.db).list()[0].report)).toMatchObject({ mapping });
  });

  it('Audacity tracks attach by the table name (rec2_labels.txt -> rec2.wav); Chirpity by its File column', async () => {
    const p = await open();
    const reports = await importTables(p, [fixture('rec2_labels.txt'), fixture('rec1.txt'), fixture('chirpity-export.csv')], { format: 'auto' });
    expect(reports.map((r) => [r.format, r.matched, r.unmatched.length, r.annotations, r.predictions])).toEqual([
      ['audacity', 2, 0, 2, 0],
      ['audacity', 4, 0, 4, 0],
      ['chirpity', 2, 0, 0, 2],
    ]);
    expect(annotationRows(p).filter((a) => a.recording === 'rec1.wav').map((a) => [a.start_s, a.end_s, a.low_hz, a.high_hz, a.label])).toEqual([
      [1.5, 2.75, 2500, 6000, 'wren'],
      [12, 12, null, null, 'click'],
      [20, 22.5, null, 4000, 'robin'],
      [40, 41, null, null, 'owl'],
    ]);
    expect(p.runs.get(reports[2].run_id!)!.model_id).toBe('imported:chirpity-birdnet');
  });

  it('rows of a table named after no recording are all reported, none dropped silently', async () => {
    const p = await open();
    const path = join(temp(), 'somewhere-else.txt');
    copyFileSync(fixture('rec2_labels.txt'), path);
    const report = await importTableFile(p, path, { format: 'audacity' });
    expect(report).toMatchObject({ rows: 2, matched: 0 });
    expect(report.unmatched.map((u) => u.line)).toEqual([1, 2]);
    expect(report.unmatched[0].reason).toMatch(/named like the table/);
  });

  it('a file that fails changes nothing and the other files still import', async () => {
    const p = await open();
    // Fails half-way through placing rows (high below low on line 3), after labels would have been made.
    const bad = join(temp(), 'rec1.Table.1.selections.txt');
    writeFileSync(bad, 'Selection\tView\tChannel\tBegin Time (s)\tEnd Time (s)\tLow Freq (Hz)\tHigh Freq (Hz)\tLabel\n1\tSpectrogram 1\t1\t1\t2\t100\t200\tnewlabel\n2\tSpectrogram 1\t1\t3\t4\t900\t200\tnewlabel\n');
    const reports = await importTables(p, [bad, fixture('rec2_labels.txt')], { format: 'auto' });
    expect(reports[0]).toMatchObject({ error: expect.stringMatching(/line 3, column "High Freq \(Hz\)"/) as string, import_id: null });
    expect(reports[1]).toMatchObject({ error: null, matched: 2 });
    expect(p.labels.findByName('newlabel')).toBeUndefined();
    expect(new ImportsRepo(p.db).list()).toHaveLength(1);
  });
});
