import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { EarmarkError } from '../../shared/errors';
import { detectFormat, previewTable, readTable } from './read-table';
import { decodeText } from './text-input';
import { fixture } from './testing';

// Every reader against fixture files shaped as docs/FORMATS.md describes, quirks included.

const temp = useTempDir();
const pick = (rows: { start_s: number; end_s: number; label: string | null }[]) => rows.map((r) => [r.start_s, r.end_s, r.label]);

async function failure(path: string, format: Parameters<typeof readTable>[1] = 'auto'): Promise<EarmarkError> {
  const error = await readTable(path, format).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EarmarkError);
  expect((error as EarmarkError).code).toBe('BAD_INPUT');
  return error as EarmarkError;
}

describe('Raven selection tables', () => {
  it('collapses Waveform/Spectrogram rows of one selection, keeps the spectrogram bounds, tolerates a trailing TAB', async () => {
    const table = await readTable(fixture('rec1.Table.1.selections.txt'), 'auto');
    expect(table).toMatchObject({ format: 'raven', variant: 'raven', encoding: 'utf-8' });
    expect(table.rows.map((r) => [r.line, r.start_s, r.end_s, r.low_hz, r.high_hz, r.label, r.score, r.file])).toEqual([
      [3, 1.25, 2.75, 2500, 6000, 'wren', null, null],
      [5, 10, 12.5, 1200.5, 4300.25, 'robin', null, null],
      [6, 30.1, 31, 0, 8000, 'wren', null, null],
    ]);
  });

  it('reads Spectrogram-only tables whose rows leave trailing columns empty or out', async () => {
    const table = await readTable(fixture('rec2.spectro-only.Table.1.selections.txt'), 'raven');
    expect(table.rows.map((r) => [r.start_s, r.end_s, r.low_hz, r.high_hz, r.label])).toEqual([
      [4.5, 5.25, 900, 3100, 'song thrush'],
      [20, 21, 1500, 2500, 'song thrush'],
      [40, 41, 100, 700, null],
    ]);
  });

  it('multi-file tables: prefers Begin Path + File Offset over the cumulative times', async () => {
    const table = await readTable(fixture('survey.multi.selections.txt'), 'raven');
    expect(table.variant).toBe('raven-multi');
    expect(table.rows.map((r) => [r.file, r.start_s, r.end_s, r.low_hz, r.label, r.time_basis])).toEqual([
      ['C:\\field\\site-a\\rec1.wav', 5, 6, 3000, 'wren', 'file'],
      ['C:\\field\\site-a\\rec2.wav', 10, 11.5, 1000, 'robin', 'file'],
      ['D:\\other\\rec3.wav', 10, 12, 500, 'owl', 'file'],
      ['D:\\other\\missing.wav', 10, 11, 500, 'owl', 'file'],
    ]);
  });

  it('multi-file tables without File Offset keep cumulative times for the import to place', async () => {
    const table = await readTable(fixture('survey.cumulative.selections.txt'), 'raven');
    expect(table.rows.map((r) => [r.file, r.start_s, r.time_basis, r.label])).toEqual([
      ['rec1.wav', 5, 'cumulative', 'wren'],
      ['rec2.wav', 70, 'cumulative', 'robin'],
      ['rec3.wav', 130, 'cumulative', 'owl'],
    ]);
  });

  it('a UTF-8 BOM and CRLF line ends change nothing; Latin-1 text is decoded as windows-1252', async () => {
    const bom = await readTable(fixture('rec2.Table.1.selections.txt'), 'auto');
    expect(bom.format).toBe('raven');
    expect(pick(bom.rows)).toEqual([
      [2, 3, 'grünfink'],
      [8, 9.5, 'mésange'],
    ]);
    const latin = await readTable(fixture('rec1.latin1.Table.1.selections.txt'), 'auto');
    expect(latin.encoding).toBe('windows-1252');
    expect(latin.rows.map((r) => r.label)).toEqual(['Grünfink', 'Mésange bleue']);
  });

  it('a header-only table has no rows', async () => {
    expect((await readTable(fixture('rec3.Table.1.selections.txt'), 'auto')).rows).toEqual([]);
  });
});

describe('Audacity label tracks', () => {
  it('reads spectral lines (-1 = undefined) and point labels', async () => {
    const table = await readTable(fixture('rec1.txt'), 'auto');
    expect(table).toMatchObject({ format: 'audacity', variant: 'audacity' });
    expect(table.rows.map((r) => [r.line, r.start_s, r.end_s, r.low_hz, r.high_hz, r.label, r.score])).toEqual([
      [1, 1.5, 2.75, 2500, 6000, 'wren', null],
      [3, 12, 12, null, null, 'click', null],
      [4, 20, 22.5, null, 4000, 'robin', null],
      [6, 40, 41, null, null, 'owl', null],
    ]);
  });

  it('reads tracks without spectral lines', async () => {
    const table = await readTable(fixture('rec2_labels.txt'), 'audacity');
    expect(pick(table.rows)).toEqual([
      [3, 4, 'song thrush'],
      [33.25, 35, 'blackbird'],
    ]);
  });
});

describe('BirdNET results', () => {
  it('Raven-style table, older column order: Common Name and Confidence by header name; the fixed band is ignored', async () => {
    const table = await readTable(fixture('rec1.BirdNET.selection.table.txt'), 'auto');
    expect(table).toMatchObject({ format: 'birdnet', variant: 'birdnet-raven', model: 'birdnet', ignoreFrequencies: true });
    expect(table.rows.map((r) => [r.start_s, r.end_s, r.label, r.score, r.file])).toEqual([
      [0, 3, 'Eurasian Wren', 0.8123, '/data/site-a/rec1.wav'],
      [9, 12, 'European Robin', 0.5567, '/data/site-a/rec1.wav'],
    ]);
  });

  it('Raven-style table, newer order with Scientific Name, spanning two files', async () => {
    const table = await readTable(fixture('BirdNET_SelectionTable.txt'), 'birdnet');
    expect(table.rows.map((r) => [r.start_s, r.end_s, r.label, r.score, r.file])).toEqual([
      [3, 6, 'Eurasian Blackbird', 0.9001, '/data/site-a/rec1.wav'],
      [6, 9, 'European Robin', 0.441, '/data/site-a/rec2.wav'],
    ]);
  });

  it('CSV, plain and with the optional trailing columns (quoted species list path with a comma)', async () => {
    const plain = await readTable(fixture('rec1.BirdNET.results.csv'), 'auto');
    expect(plain).toMatchObject({ format: 'birdnet', variant: 'birdnet-csv' });
    expect(plain.rows.map((r) => [r.start_s, r.label, r.score, r.file])).toEqual([
      [0, 'Eurasian Wren', 0.8123, '/data/site-a/rec1.wav'],
      [3, 'European Robin', 0.2345, '/data/site-a/rec1.wav'],
    ]);
    const extra = await readTable(fixture('BirdNET_CombinedTable.csv'), 'birdnet');
    expect(extra.rows.map((r) => [r.line, r.start_s, r.end_s, r.label, r.score, r.file])).toEqual([
      [2, 0, 3, 'Eurasian Wren', 0.8123, '/data/site-a/rec1.wav'],
      [3, 12, 15, 'Eurasian Blackbird', 0.6, '/data/site-a/rec2.wav'],
      [4, 3, 6, 'Tawny Owl', 0.3, '/data/unknown.wav'],
    ]);
  });

  it('Audacity-style output: four columns, Scientific_Common text, confidence', async () => {
    const table = await readTable(fixture('rec2.BirdNET.results.txt'), 'auto');
    expect(table).toMatchObject({ format: 'birdnet', variant: 'birdnet-audacity' });
    expect(table.rows.map((r) => [r.start_s, r.end_s, r.label, r.score, r.file])).toEqual([
      [0, 3, 'Eurasian Blackbird', 0.9001, null],
      [6, 9, 'European Robin', 0.441, null],
    ]);
  });
});

describe('Chirpity CSV', () => {
  it('takes Start (s) as the time in the file, the length from the detection clock times, a percentage confidence', async () => {
    const table = await readTable(fixture('chirpity-export.csv'), 'auto');
    expect(table).toMatchObject({ format: 'chirpity', model: 'chirpity-birdnet' });
    expect(table.rows.map((r) => [r.start_s, r.end_s, r.label, r.score, r.file, r.note])).toEqual([
      [5, 8, 'Redwing', 0.87, '/data/site-a/rec2.wav', 'flight call'],
      [30, 33, 'Song Thrush', 0.64, '/data/site-b/rec3.wav', null],
    ]);
  });
});

describe('generic CSV', () => {
  it('reads through a column mapping', async () => {
    const mapping = { start: 'onset_sec', end: 'offset_sec', label: 'species', score: 'prob', low_hz: 'fmin', high_hz: 'fmax', file: 'sound_file' };
    const table = await readTable(fixture('my-labels.csv'), 'csv', mapping);
    expect(table.rows.map((r) => [r.line, r.file, r.start_s, r.end_s, r.label, r.score, r.low_hz, r.high_hz])).toEqual([
      [2, 'rec1.wav', 1.5, 2.5, 'wren', null, 2000, 6000],
      [3, 'REC2.WAV', 3, 4, 'robin', 0.9, null, null],
      [4, 'nowhere.wav', 1, 2, 'owl', null, null, null],
    ]);
  });

  it('without a mapping, uses the suggested one', async () => {
    const table = await readTable(fixture('my-labels.csv'), 'csv');
    expect(table.rows.map((r) => [r.file, r.start_s, r.label, r.score])).toEqual([
      ['rec1.wav', 1.5, 'wren', null],
      ['REC2.WAV', 3, 'robin', 0.9],
      ['nowhere.wav', 1, 'owl', null],
    ]);
  });

  it('a mapping naming a column the file lacks is an error naming that column', async () => {
    const error = await readTable(fixture('my-labels.csv'), 'csv', { start: 'onset_sec', end: 'stop', label: 'species' }).catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/my-labels\.csv, line 1: missing column "stop"/);
  });
});

describe('malformed files give line-numbered errors naming the column', () => {
  it('a missing required column', async () => {
    const error = await failure(fixture('bad-missing-end.Table.1.selections.txt'), 'raven');
    expect(error.message).toMatch(/bad-missing-end\.Table\.1\.selections\.txt, line 1: missing column "End Time \(s\)"/);
  });

  it('a bad number', async () => {
    const error = await failure(fixture('bad-number.BirdNET.results.csv'));
    expect(error.message).toBe('bad-number.BirdNET.results.csv, line 3, column "Start (s)": "3.O" is not a number');
  });

  it('a bad number after a BOM and CRLF line ends still names the right line', async () => {
    const error = await failure(fixture('bad-bom-crlf.BirdNET.results.csv'));
    expect(error.message).toBe('bad-bom-crlf.BirdNET.results.csv, line 4, column "Confidence": "high" is not a number');
  });

  it('a bad number in a Latin-1 file', async () => {
    const error = await failure(fixture('bad-latin1.Table.1.selections.txt'));
    expect(error.message).toBe('bad-latin1.Table.1.selections.txt, line 3, column "End Time (s)": "9,5x" is not a number');
  });

  it('an event that ends before it starts', async () => {
    const error = await failure(fixture('bad-order.txt'), 'audacity');
    expect(error.message).toBe('bad-order.txt, line 2, column "end": ends (4) before it starts (5)');
  });
});

describe('text decoding', () => {
  it('strips a BOM, keeps valid UTF-8 and falls back to windows-1252 (where 0x80 is the euro sign)', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xc3, 0xa9]))).toEqual({ text: 'é', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xe9, 0x80]))).toEqual({ text: 'é€', encoding: 'windows-1252' });
  });
});

describe('preview', () => {
  it('detects the format, shows the header, the first rows and a suggested mapping', async () => {
    const preview = await previewTable(fixture('my-labels.csv'));
    expect(preview).toMatchObject({ format: 'csv', header: ['sound_file', 'onset_sec', 'offset_sec', 'species', 'prob', 'fmin', 'fmax'] });
    expect(preview.rows[1]).toEqual(['REC2.WAV', '3', '4', 'robin', '0.9', '', '']);
    expect(preview.suggested_mapping).toEqual({ start: 'onset_sec', end: 'offset_sec', label: 'species', score: 'prob', low_hz: 'fmin', high_hz: 'fmax', file: 'sound_file' });
    const raven = await previewTable(fixture('rec1.Table.1.selections.txt'));
    expect(raven).toMatchObject({ format: 'raven', variant: 'raven' });
    expect(raven.suggested_mapping).toMatchObject({ start: 'Begin Time (s)', end: 'End Time (s)', label: 'Species', low_hz: 'Low Freq (Hz)' });
    const audacity = await previewTable(fixture('rec2.BirdNET.results.txt'));
    expect(audacity).toMatchObject({ format: 'birdnet', variant: 'birdnet-audacity', header: ['start', 'end', 'label', 'confidence'] });
    expect(audacity.rows[0]).toEqual(['0.0', '3.0', 'Turdus merula_Eurasian Blackbird', '0.9001']);
  });
});

describe('generated tables', () => {
  it('detects every fixture format from its content', async () => {
    const { readFileSync } = await import('node:fs');
    const detected = (name: string) => detectFormat(name, readFileSync(fixture(name), 'latin1')).variant;
    expect(
      ['rec1.Table.1.selections.txt', 'survey.multi.selections.txt', 'rec1.txt', 'rec1.BirdNET.selection.table.txt', 'BirdNET_SelectionTable.txt', 'BirdNET_CombinedTable.csv', 'rec2.BirdNET.results.txt', 'chirpity-export.csv', 'my-labels.csv'].map(detected),
    ).toEqual(['raven', 'raven', 'audacity', 'birdnet-raven', 'birdnet-raven', 'birdnet-csv', 'birdnet-audacity', 'chirpity', 'csv']);
  });

  it('European CSV: semicolons and decimal commas', async () => {
    const path = join(temp(), 'excel.csv');
    writeFileSync(path, 'file;from;to;what;p\r\nrec1.wav;1,5;2,25;wren;0,75\r\n');
    const table = await readTable(path, 'csv', { start: 'from', end: 'to', label: 'what', score: 'p', file: 'file' });
    expect(table.rows.map((r) => [r.start_s, r.end_s, r.label, r.score])).toEqual([[1.5, 2.25, 'wren', 0.75]]);
  });

  it('Raven annotation text keeps its quotes (tab-separated text is not quoted)', async () => {
    const path = join(temp(), 'quotes.Table.1.selections.txt');
    writeFileSync(path, 'Selection\tView\tChannel\tBegin Time (s)\tEnd Time (s)\tLow Freq (Hz)\tHigh Freq (Hz)\tAnnotation\n1\tSpectrogram 1\t1\t1\t2\t100\t200\t"song, type 2\n');
    expect((await readTable(path, 'raven')).rows[0].label).toBe('"song, type 2');
  });

  it('quoted CSV: a comment over two lines; a bad number after it names its own line', async () => {
    const path = join(temp(), 'quoted.csv');
    writeFileSync(path, 'start,end,label,note\n1,2,wren,"two\nlines"\n3,x,robin,\n');
    const error = await readTable(path, 'csv').catch((e: unknown) => e as Error);
    expect((error as Error).message).toBe('quoted.csv, line 4, column "end": "x" is not a number');
    writeFileSync(path, 'start,end,label,note\n1,2,wren,"two\nlines"\n');
    expect((await readTable(path, 'csv')).rows.map((r) => r.note)).toEqual(['two\nlines']);
  });

  it('a Raven table whose required column is empty on a row names that line', async () => {
    const path = join(temp(), 'gap.Table.1.selections.txt');
    writeFileSync(path, 'Selection\tView\tChannel\tBegin Time (s)\tEnd Time (s)\n1\tSpectrogram 1\t1\t1\t2\n2\tSpectrogram 1\t1\t3\n');
    const error = await readTable(path, 'raven').catch((e: unknown) => e as Error);
    expect((error as Error).message).toBe('gap.Table.1.selections.txt, line 3, column "End Time (s)": empty, a number is needed');
  });
});
