import { Columns, cell, checkTimes, guessDelimiter, requireNumber, splitDelimited, type DecodedText } from './text-input';
import { emptyToNull, type ParsedTable } from './table-types';

// BirdNET's CSV output (docs/FORMATS.md "BirdNET results"): `Start (s),End (s),Scientific name,
// Common name,Confidence,File`, optionally followed by lat, lon, week, overlap, sensitivity,
// min_conf, species_list, model. Read by header name; the trailing columns are ignored.
// Its Raven-style table is read by raven.ts, its Audacity-style output by audacity.ts.

const START = 'Start (s)';
const END = 'End (s)';

export function looksLikeBirdnetCsv(header: string[]): boolean {
  const columns = new Columns(header, '');
  return columns.has(START) && columns.has(END) && columns.has('Confidence') && columns.has('Common name', 'Scientific name');
}

export function readBirdnetCsv(path: string, input: DecodedText): ParsedTable {
  const { header, records } = splitDelimited(input.text, guessDelimiter(input.text), path, { header: true });
  const columns = new Columns(header, path);
  const at = {
    start: columns.require(START),
    end: columns.require(END),
    label: columns.find('Common name') ?? columns.require('Scientific name'),
    score: columns.require('Confidence'),
    file: columns.find('File'),
  };
  const rows = records.map((record) => {
    const start = requireNumber(path, record, at.start, START);
    const end = requireNumber(path, record, at.end, END);
    checkTimes(path, record.line, { start: START, end: END }, start, end);
    return {
      line: record.line,
      start_s: start,
      end_s: end,
      low_hz: null,
      high_hz: null,
      label: emptyToNull(cell(record, at.label)),
      score: requireNumber(path, record, at.score, 'Confidence'),
      file: emptyToNull(cell(record, at.file)),
      time_basis: 'file' as const,
      status: null,
      reviewer: null,
      note: null,
    };
  });
  return { format: 'birdnet', variant: 'birdnet-csv', path, encoding: input.encoding, header, rows, model: 'birdnet', fullBandMeansNone: false, ignoreFrequencies: true };
}
