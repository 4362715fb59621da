import { describe, expect, it } from 'vitest';
import { audioMothFields, startTimeOf } from './recording-time';
import { bextStart, filenameStart, guanoStart, parseAudioMothComment } from './start-time';
import { parseBext, parseGuano, parseInfoList } from './wav-chunks';
import { bextChunk, guanoChunk, infoChunk } from '../../../../test/fixtures/audio-fixtures';

describe('guanoStart', () => {
  it.each([
    ['2024-05-01T05:30:00', '2024-05-01T05:30:00'],
    ['2024-05-01 05:30:00', '2024-05-01T05:30:00'],
    ['2024-05-01T05:30:00.250', '2024-05-01T05:30:00.250'],
    ['2024-05-01T05:30:00Z', '2024-05-01T05:30:00Z'],
    ['2024-05-01T05:30:00+00:00', '2024-05-01T05:30:00Z'],
    ['2024-05-01T05:30:00-0300', '2024-05-01T05:30:00-03:00'],
    ['2024-05-01T05:30:00+05:30', '2024-05-01T05:30:00+05:30'],
    ['2024-02-30T05:30:00', null],
    ['yesterday', null],
    ['', null],
  ])('%s -> %s', (input, expected) => expect(guanoStart(input)).toBe(expected));
});

describe('parseAudioMothComment', () => {
  it('reads zones written as UTC, UTC+1, UTC-3 and UTC+5:30', () => {
    const c = (zone: string) => `Recorded at 23:59:58 31/12/2023 (${zone}) by AudioMoth 0123456789ABCDEF at medium gain while battery was 4.2V and temperature was -3.5C.`;
    expect(parseAudioMothComment(c('UTC'))?.start).toBe('2023-12-31T23:59:58Z');
    expect(parseAudioMothComment(c('UTC+1'))?.start).toBe('2023-12-31T23:59:58+01:00');
    expect(parseAudioMothComment(c('UTC-3'))?.start).toBe('2023-12-31T23:59:58-03:00');
    expect(parseAudioMothComment(c('UTC+5:30'))?.start).toBe('2023-12-31T23:59:58+05:30');
    expect(parseAudioMothComment(c('UTC+10'))?.start).toBe('2023-12-31T23:59:58+10:00');
    expect(parseAudioMothComment(c('UTC'))).toMatchObject({ id: '0123456789ABCDEF', gain: 'medium', battery: '4.2V', temperature: '-3.5C' });
  });

  it('reads the battery bounds newer firmware writes, and rejects impossible dates', () => {
    const low = parseAudioMothComment('Recorded at 10:00:00 05/06/2021 (UTC) by AudioMoth 0123456789ABCDEF at low gain while battery was less than 3.6V and temperature was 20.1C.');
    expect(low?.battery).toBe('less than 3.6V');
    expect(low?.gain).toBe('low');
    expect(parseAudioMothComment('Recorded at 10:00:00 31/02/2021 (UTC) by AudioMoth 0123456789ABCDEF')).toBeNull();
    expect(parseAudioMothComment('Recorded by someone')).toBeNull();
  });

  it('takes the id from IART when the comment is not an AudioMoth one', () => {
    expect(audioMothFields(undefined, 'AudioMoth 0123456789ABCDEF')).toEqual({ isAudioMoth: true, start: null, metadata: { 'audiomoth.id': '0123456789ABCDEF' } });
    expect(audioMothFields('field notes', 'Jane').isAudioMoth).toBe(false);
  });
});

describe('bextStart and filenameStart', () => {
  it('accepts any separators in BWF dates and never adds a zone', () => {
    expect(bextStart('2023:04:02', '05-12-09')).toBe('2023-04-02T05:12:09');
    expect(bextStart('2023-04-02', '')).toBe('2023-04-02T00:00:00');
    expect(bextStart('0000-00-00', '00:00:00')).toBeNull();
    expect(bextStart('', '05:12:09')).toBeNull();
  });

  it('finds YYYYMMDD_HHMMSS inside longer names but not inside longer digit runs', () => {
    expect(filenameStart('SITE1_20240501_053000.WAV', false)).toBe('2024-05-01T05:30:00');
    expect(filenameStart('20240501_053000.WAV', true)).toBe('2024-05-01T05:30:00Z');
    expect(filenameStart('rec-20240501T053000-ch1.flac', false)).toBe('2024-05-01T05:30:00');
    expect(filenameStart('920240501_053000.wav', false)).toBeNull();
    expect(filenameStart('20240501_256000.wav', false)).toBeNull();
    expect(filenameStart('take 3.wav', false)).toBeNull();
  });
});

describe('startTimeOf priority', () => {
  const all = {
    fileName: '20200101_000000.WAV',
    guanoTimestamp: '2024-05-01T05:30:00',
    audioMothStart: '2024-05-01T06:30:00Z',
    bextDate: '2024-05-01',
    bextTime: '07:30:00',
  };
  it('prefers GUANO, then AudioMoth, then BWF, then the file name', () => {
    expect(startTimeOf(all)).toEqual({ start_time: '2024-05-01T05:30:00', start_time_source: 'guano' });
    expect(startTimeOf({ ...all, guanoTimestamp: 'garbage' })).toEqual({ start_time: '2024-05-01T06:30:00Z', start_time_source: 'audiomoth' });
    expect(startTimeOf({ ...all, guanoTimestamp: undefined, audioMothStart: null })).toEqual({ start_time: '2024-05-01T07:30:00', start_time_source: 'bwf' });
    expect(startTimeOf({ fileName: all.fileName })).toEqual({ start_time: '2020-01-01T00:00:00', start_time_source: 'filename' });
    expect(startTimeOf({ fileName: 'x.wav' })).toEqual({ start_time: null, start_time_source: null });
  });
});

describe('metadata chunk parsers', () => {
  const body = (chunk: Buffer) => chunk.subarray(8, 8 + chunk.readUInt32LE(4));
  it('parses GUANO lines, keeping colons inside values and CRLF endings', () => {
    const g = parseGuano(Buffer.from('GUANO|Version: 1.0\r\nNote: a: b\r\nLoc Position: 1 2\n\nbad line\n\0\0'));
    expect(g).toEqual({ 'GUANO|Version': '1.0', Note: 'a: b', 'Loc Position': '1 2' });
    expect(parseGuano(body(guanoChunk({ TE: '10' })))).toEqual({ 'GUANO|Version': '1.0', TE: '10' });
  });
  it('parses INFO sub-chunks including odd lengths', () => {
    expect(parseInfoList(body(infoChunk({ ICMT: 'odd', IART: 'four', INAM: 'Dawn' })))).toEqual({ ICMT: 'odd', IART: 'four', INAM: 'Dawn' });
    expect(parseInfoList(Buffer.from('adtlxxxx'))).toEqual({});
  });
  it('parses bext fixed fields and the time reference', () => {
    const b = parseBext(body(bextChunk({ description: 'd', originator: 'o', originationDate: '2023-04-02', originationTime: '05:12:09', timeReference: 48000n * 3600n })));
    expect(b).toEqual({ description: 'd', originator: 'o', originatorReference: '', originationDate: '2023-04-02', originationTime: '05:12:09', timeReference: '172800000' });
    expect(parseBext(Buffer.alloc(100))).toBeNull();
  });
});
