import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import type { Project } from '../app/project';
import { reviewFor } from '../review/review-service';
import { exportTables, type TableFormat } from './export-tables';
import { importTables } from './import-tables';
import { annotationRows, predictionRows, recordingId, surveyProject } from './testing';

// Round trips (issue 5): export from a real project, import into a fresh project holding the same
// recordings (in another folder, so rows attach by file name), and compare events and bounds.

const temp = useTempDir();
const open: Project[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
});

async function source(): Promise<Project> {
  const p = await surveyProject(join(temp(), 'a'));
  open.push(p);
  const wren = p.labels.create({ name: 'wren', color: '#4e9bf5' }).id;
  const robin = p.labels.create({ name: 'robin', color: '#ff9f40' }).id;
  const [rec1, rec2, rec3] = ['rec1.wav', 'rec2.wav', 'rec3.wav'].map((n) => recordingId(p, n));
  const review = reviewFor(p.db);
  review.annotations.create('alice', { recording_id: rec1, start_s: 1.25, end_s: 2.75, low_hz: 2500, high_hz: 6000, label_id: wren, note: 'two calls' });
  review.annotations.create('alice', { recording_id: rec1, start_s: 10, end_s: 12.5, label_id: robin });
  review.annotations.create('bob', { recording_id: rec2, start_s: 3, end_s: 4, low_hz: 400, high_hz: 1800, label_id: robin });
  review.annotations.create('bob', { recording_id: rec3, start_s: 0.5, end_s: 1, label_id: wren });
  const params = { model_id: 'test-model', model_version: '1.2.0', window_s: 1, hop_s: 1, min_score: 0.1, labels: [], channel: 'mix' };
  const run = p.runs.create('test-model', JSON.stringify(params), [rec1, rec2, rec3]);
  p.runs.storeBatch(run, rec1, [{ window_index: 0, start_s: 0, end_s: 1, label_id: wren, score: 0.91 }], 1, 1, 1);
  p.runs.storeBatch(run, rec2, [{ window_index: 5, start_s: 5, end_s: 6, label_id: robin, score: 0.42 }], 6, 6, 6);
  p.runs.storeBatch(run, rec3, [{ window_index: 7, start_s: 7, end_s: 8, label_id: wren, score: 0.77 }], 8, 8, 8);
  const ids = [rec1, rec2].map((rec) => p.db.prepare('SELECT id FROM predictions WHERE recording_id = ?').pluck().get(rec) as number);
  review.verdicts.decide('carol', ids[0], { verdict: 'positive' });
  review.verdicts.decide('carol', ids[1], { verdict: 'negative' });
  return p;
}

async function target(): Promise<Project> {
  const p = await surveyProject(join(temp(), 'b'));
  open.push(p);
  return p;
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 1e6) / 1e6);
const humanEvents = (p: Project, where: string) =>
  annotationRows(p, where).map((a) => [a.recording, round(a.start_s), round(a.end_s), round(a.low_hz), round(a.high_hz), a.label]);
const detections = (p: Project) => predictionRows(p).map((r) => [r.recording, round(r.start_s), round(r.end_s), r.label, round(r.score)]);
const verdicts = (p: Project) => annotationRows(p, 'a.prediction_id IS NOT NULL').map((a) => [a.recording, a.start_s, a.status, a.reviewer]);

async function roundTrip(format: TableFormat) {
  const a = await source();
  const out = join(temp(), `out-${format}`);
  const result = await exportTables(a, { format, outDir: out, filter: {} });
  const b = await target();
  const reports = await importTables(b, result.files, { format: 'auto' });
  return { a, b, result, reports };
}

describe('exportTables round trips', () => {
  for (const format of ['raven', 'raven-combined', 'csv', 'json'] as const) {
    it(`${format}: annotations with their bounds, detections with scores and verdicts come back`, async () => {
      const { a, b, result, reports } = await roundTrip(format);
      expect(result.rows).toBe(7);
      expect(reports.every((r) => r.error === null && r.unmatched.length === 0)).toBe(true);
      expect(humanEvents(b, 'a.prediction_id IS NULL')).toEqual(humanEvents(a, "a.source = 'human'"));
      expect(detections(b)).toEqual(detections(a));
      expect(verdicts(b)).toEqual(verdicts(a));
    });
  }

  it('audacity: every event comes back as an annotation with its times, label and box', async () => {
    const { a, b, result } = await roundTrip('audacity');
    expect(result.files.map((f) => f.split('/').pop())).toEqual(['rec1.txt', 'rec2.txt', 'rec3.txt']);
    const expected = [...humanEvents(a, "a.source = 'human'"), ...detections(a).map(([rec, s, e, label]) => [rec, s, e, null, null, label])];
    const sort = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(sort(humanEvents(b, '1 = 1'))).toEqual(sort(expected));
  });
});

describe('exportTables files', () => {
  it('Raven: one table per recording, each selection once as Spectrogram 1, 0 to half the sample rate without bounds', async () => {
    const a = await source();
    const out = join(temp(), 'raven');
    const result = await exportTables(a, { format: 'raven', outDir: out, filter: {} });
    expect(readdirSync(out).sort()).toEqual(['rec1.Table.1.selections.txt', 'rec2.Table.1.selections.txt', 'rec3.Table.1.selections.txt']);
    const rec2 = readFileSync(join(out, 'rec2.Table.1.selections.txt'), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
    expect(rec2[0]).toEqual(['Selection', 'View', 'Channel', 'Begin Time (s)', 'End Time (s)', 'Low Freq (Hz)', 'High Freq (Hz)', 'Label', 'Score', 'Status', 'Reviewer', 'Source', 'Note']);
    expect(rec2.slice(1)).toEqual([
      ['1', 'Spectrogram 1', '1', '3.000000', '4.000000', '400', '1800', 'robin', '', 'positive', 'bob', 'human', ''],
      // rec2 is 32 kHz: no frequency bounds means 0 to 16000 Hz.
      ['2', 'Spectrogram 1', '1', '5.000000', '6.000000', '0', '16000', 'robin', '0.420000', 'negative', 'carol', 'model', ''],
    ]);
    expect(result.applied).toMatchObject({ labels: 'all', statuses: 'all', thresholds: 'none' });
  });

  it('Raven combined: cumulative Begin/End Time over the files in order, File Offset inside each', async () => {
    const a = await source();
    const { files } = await exportTables(a, { format: 'raven-combined', outDir: join(temp(), 'c'), filter: { labels: ['wren'] } });
    const lines = readFileSync(files[0], 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
    expect(lines[0].slice(3, 10)).toEqual(['Begin Time (s)', 'End Time (s)', 'Low Freq (Hz)', 'High Freq (Hz)', 'Begin File', 'Begin Path', 'File Offset (s)']);
    // wren only: rec1 at 0 and 1.25, rec3 (after rec1's 60 s; rec2 has no wren) at 60.5 and 67.
    expect(lines.slice(1).map((l) => [l[0], l[3], l[7], l[9]])).toEqual([
      ['1', '0.000000', 'rec1.wav', '0.000000'],
      ['2', '1.250000', 'rec1.wav', '1.250000'],
      ['3', '60.500000', 'rec3.wav', '0.500000'],
      ['4', '67.000000', 'rec3.wav', '7.000000'],
    ]);
  });

  it('CSV and JSON carry provenance: path, fingerprint, model, version, run parameters, reviewer, decision time', async () => {
    const a = await source();
    const out = join(temp(), 'p');
    const csv = await exportTables(a, { format: 'csv', outDir: out, filter: { statuses: ['positive'], sources: ['model'] } });
    const [header, row, ...rest] = readFileSync(csv.files[0], 'utf8').trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(header.split(',')).toContain('recording_fingerprint');
    const rec1 = a.recordings.get(recordingId(a, 'rec1.wav'))!;
    expect(row).toContain(rec1.path);
    expect(row).toContain(rec1.fingerprint);
    expect(row).toMatch(/,model,carol,\d{4}-\d\d-\d\dT[^,]+,,\d+,test-model,1\.2\.0,"\{""model_id"":""test-model""/);
    const json = await exportTables(a, { format: 'json', outDir: out, filter: { statuses: ['positive'], sources: ['model'] } });
    const doc = JSON.parse(readFileSync(json.files[0], 'utf8')) as { rows: Record<string, unknown>[]; filter: unknown };
    expect(doc.rows).toHaveLength(1);
    expect(doc.rows[0]).toMatchObject({ label: 'wren', score: 0.91, status: 'positive', reviewer: 'carol', recording: { path: rec1.path, fingerprint: rec1.fingerprint }, run: { model_id: 'test-model', model_version: '1.2.0', params: { window_s: 1 } } });
    expect(doc.filter).toMatchObject({ statuses: ['positive'], sources: ['model'] });
    expect(readdirSync(out).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('an export that cannot write leaves no complete-looking file', async () => {
    const a = await source();
    const out = join(temp(), 'blocked');
    // A folder where the CSV should go makes the final rename fail.
    mkdirSync(join(out, 'survey.annotations.csv'), { recursive: true });
    await expect(exportTables(a, { format: 'csv', outDir: out, filter: {} })).rejects.toMatchObject({ code: 'IO' });
    expect(readdirSync(out)).toEqual(['survey.annotations.csv']);
  });
});
