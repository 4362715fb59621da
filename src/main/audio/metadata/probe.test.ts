import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EarmarkError } from '../../../shared/errors';
import { MEDIA_DIR, copyMedia, exactRamp, noise, sine, writeWav } from '../../../../test/fixtures/audio-fixtures';
import { openAudioSource } from '../decode/open';
import { probeRecording } from './probe';

const dir = mkdtempSync(join(tmpdir(), 'earmark-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const p = (name: string) => join(dir, name);

async function failure(path: string): Promise<EarmarkError> {
  try {
    await probeRecording(path);
  } catch (e) {
    expect(e).toBeInstanceOf(EarmarkError);
    return e as EarmarkError;
  }
  throw new Error(`probe of ${path} should have failed`);
}

describe('probeRecording: WAV variants', () => {
  const cases = [
    { bitDepth: 8, channels: 1 },
    { bitDepth: 16, channels: 2 },
    { bitDepth: 24, channels: 1 },
    { bitDepth: 32, channels: 1 },
    { bitDepth: 32, channels: 2, float: true },
    { bitDepth: 64, channels: 1, float: true },
    { bitDepth: 16, channels: 6, extensible: true },
    { bitDepth: 24, channels: 2, extensible: true },
    { bitDepth: 32, channels: 1, extensible: true, float: true },
  ] as const;
  for (const c of cases) {
    const label = `${c.bitDepth}-bit ${'float' in c ? 'float' : 'int'} ${c.channels} ch${'extensible' in c ? ' extensible' : ''}`;
    it(`reads ${label}`, async () => {
      const frames = 22050 + 1;
      const path = writeWav(p(`v-${label.replace(/ /g, '_')}.wav`), {
        sampleRate: 22050,
        bitDepth: c.bitDepth,
        float: 'float' in c,
        extensible: 'extensible' in c,
        samples: exactRamp(frames, c.channels, 8),
      });
      const r = await probeRecording(path);
      expect(r).toMatchObject({ format: 'wav', sample_rate: 22050, channels: c.channels, bit_depth: c.bitDepth });
      expect(r.duration_s).toBeCloseTo(frames / 22050, 9);
      expect(r.metadata['wav.sample_format']).toBe('float' in c ? 'float' : 'pcm');
      expect(r.start_time).toBeNull();
      expect(r.start_time_source).toBeNull();
      expect(r.site).toBeNull();
      expect(r.fingerprint).toMatch(/^v1:[0-9a-f]{64}$/);
    });
  }

  it('walks past odd-sized chunks (RIFF pad byte)', async () => {
    const path = writeWav(p('odd.wav'), { sampleRate: 8000, bitDepth: 8, samples: [sine(440, 0.5, 8000)], oddChunk: true, guano: { Site: 'Pond' } });
    const r = await probeRecording(path);
    expect(r.duration_s).toBe(0.5);
    expect(r.site).toBe('Pond');
  });
});

/** Rewrites a plain WAV as RF64 (EBU Tech 3306): sizes 0xFFFFFFFF, real ones in a ds64 chunk. */
function toRf64(src: string, dest: string): string {
  const b = readFileSync(src);
  const dataAt = b.indexOf('data', 12, 'latin1');
  const dataSize = b.readUInt32LE(dataAt + 4);
  const ds64 = Buffer.alloc(8 + 28);
  ds64.write('ds64', 0, 'latin1');
  ds64.writeUInt32LE(28, 4);
  ds64.writeBigUInt64LE(BigInt(b.length + 36 - 8), 8);
  ds64.writeBigUInt64LE(BigInt(dataSize), 16);
  const head = Buffer.from(b.subarray(0, 12));
  head.write('RF64', 0, 'latin1');
  head.writeUInt32LE(0xffffffff, 4);
  const rest = Buffer.from(b.subarray(12));
  rest.writeUInt32LE(0xffffffff, dataAt - 12 + 4);
  writeFileSync(dest, Buffer.concat([head, ds64, rest]));
  return dest;
}

describe('probeRecording: RF64', () => {
  it('reads the data size from ds64 instead of rejecting 0xFFFFFFFF', async () => {
    const samples = exactRamp(8001, 2, 16);
    const plain = writeWav(p('plain.wav'), { sampleRate: 8000, samples, guano: { Site: 'Deep' } });
    const rf64 = toRf64(plain, p('big.wav'));
    const r = await probeRecording(rf64);
    expect(r).toMatchObject({ format: 'wav', channels: 2, sample_rate: 8000, site: 'Deep' });
    expect(r.duration_s).toBeCloseTo(8001 / 8000, 9);
    const src = await openAudioSource(rf64);
    expect(await src.read(0, 8001, 1)).toEqual(samples[1]);
    await src.close();
  });
});

describe('probeRecording: compressed formats', () => {
  it('reads FLAC mono 16-bit and stereo 24-bit from STREAMINFO', async () => {
    const dog = await probeRecording(copyMedia('dog.flac', p('dog.flac')));
    expect(dog).toMatchObject({ format: 'flac', sample_rate: 44100, channels: 1, bit_depth: 16, size_bytes: 20410 });
    expect(dog.duration_s).toBeCloseTo(39616 / 44100, 6);
    expect(dog.metadata['vorbis.COMMENT']).toBe('Processed by SoX');
    const owl = await probeRecording(join(MEDIA_DIR, 'owl-stereo-24bit.flac'));
    expect(owl).toMatchObject({ channels: 2, bit_depth: 24, sample_rate: 44100 });
    expect(owl.duration_s).toBeCloseTo(0.6, 6);
  });

  it('reads MP3 and Ogg Vorbis headers', async () => {
    const mp3 = await probeRecording(join(MEDIA_DIR, 'cuckoo.mp3'));
    expect(mp3).toMatchObject({ format: 'mp3', sample_rate: 44100, channels: 1, bit_depth: null });
    expect(Math.abs(mp3.duration_s - 1.486)).toBeLessThan(0.05);
    const ogg = await probeRecording(join(MEDIA_DIR, 'cuckoo.ogg'));
    expect(ogg).toMatchObject({ format: 'ogg', sample_rate: 44100, channels: 1, bit_depth: null });
    expect(ogg.duration_s).toBeCloseTo(65536 / 44100, 4);
  });

  it('takes a start time from a FLAC file name', async () => {
    const r = await probeRecording(copyMedia('dog.flac', p('SITE1_20240501_053000.flac')));
    expect(r).toMatchObject({ start_time: '2024-05-01T05:30:00', start_time_source: 'filename' });
  });
});

describe('probeRecording: start time and site', () => {
  const audio = { sampleRate: 8000, samples: [noise(0.25, 8000)] };

  it('prefers GUANO Timestamp and keeps every GUANO key', async () => {
    const path = writeWav(p('20200101_000000.wav'), {
      ...audio,
      guano: { Timestamp: '2024-05-01T05:30:00+01:00', 'Loc Position': '51.5 -0.12', Make: 'Wildlife Acoustics', 'Loc Name': 'North meadow', 'MSFT|Custom': 'x: y' },
      audiomothComment: 'Recorded at 01:00:00 02/02/2022 (UTC) by AudioMoth 24F319055FDF2F5B at gain setting 2 while battery state was 4.7V.',
    });
    const r = await probeRecording(path);
    expect(r).toMatchObject({ start_time: '2024-05-01T05:30:00+01:00', start_time_source: 'guano', site: 'North meadow' });
    expect(r.metadata['guano.Loc Position']).toBe('51.5 -0.12');
    expect(r.metadata['guano.GUANO|Version']).toBe('1.0');
    expect(r.metadata['guano.MSFT|Custom']).toBe('x: y');
  });

  it('reads the old AudioMoth comment (gain setting, battery state)', async () => {
    const path = writeWav(p('20190612_040000.WAV'), {
      ...audio,
      audiomothComment: 'Recorded at 04:00:00 12/06/2019 (UTC) by AudioMoth 24F319055FDF2F5B at gain setting 2 while battery state was 4.7V.',
    });
    const r = await probeRecording(path);
    expect(r).toMatchObject({ start_time: '2019-06-12T04:00:00Z', start_time_source: 'audiomoth' });
    expect(r.metadata).toMatchObject({
      'audiomoth.id': '24F319055FDF2F5B',
      'audiomoth.gain': '2',
      'audiomoth.battery': '4.7V',
      'info.IART': 'AudioMoth 24F319055FDF2F5B',
    });
    expect(r.metadata['audiomoth.temperature']).toBeUndefined();
  });

  it('reads the newer AudioMoth comment with a UTC+1 zone, temperature and named gain', async () => {
    const path = writeWav(p('20240501_063000.WAV'), {
      ...audio,
      audiomothComment:
        'Recorded at 06:30:00 01/05/2024 (UTC+1) by AudioMoth 243B1F075E3A1E4C at medium gain while battery was 3.8V and temperature was 12.8C.',
    });
    const r = await probeRecording(path);
    expect(r).toMatchObject({ start_time: '2024-05-01T06:30:00+01:00', start_time_source: 'audiomoth' });
    expect(r.metadata).toMatchObject({ 'audiomoth.gain': 'medium', 'audiomoth.battery': '3.8V', 'audiomoth.temperature': '12.8C' });
  });

  it('uses BWF origination date and time as local time', async () => {
    const path = writeWav(p('take1.wav'), {
      ...audio,
      bext: { description: 'Dawn chorus', originator: 'Zoom F3', originationDate: '2023-04-02', originationTime: '05:12:09' },
    });
    const r = await probeRecording(path);
    expect(r).toMatchObject({ start_time: '2023-04-02T05:12:09', start_time_source: 'bwf' });
    expect(r.metadata).toMatchObject({ 'bext.description': 'Dawn chorus', 'bext.originator': 'Zoom F3', 'bext.origination_date': '2023-04-02' });
  });

  it('reads YYYYMMDD_HHMMSS anywhere in the name: local, or UTC for an AudioMoth file', async () => {
    const plain = await probeRecording(writeWav(p('SITE1_20240501_053000.WAV'), audio));
    expect(plain).toMatchObject({ start_time: '2024-05-01T05:30:00', start_time_source: 'filename' });
    // An AudioMoth file whose comment has no readable time still names its files in UTC.
    const moth = await probeRecording(writeWav(p('20240501_053000.WAV'), { ...audio, info: { IART: 'AudioMoth 243B1F075E3A1E4C' } }));
    expect(moth).toMatchObject({ start_time: '2024-05-01T05:30:00Z', start_time_source: 'filename' });
    const invalid = await probeRecording(writeWav(p('20241301_053000.WAV'), audio));
    expect(invalid.start_time).toBeNull();
  });

  it('leaves the start time unknown when nothing gives one', async () => {
    const r = await probeRecording(writeWav(p('pond-recording.wav'), { ...audio, info: { ICMT: 'a note' } }));
    expect(r.start_time).toBeNull();
    expect(r.start_time_source).toBeNull();
    expect(r.metadata['info.ICMT']).toBe('a note');
  });
});

describe('probeRecording: errors', () => {
  it('rejects an empty file', async () => {
    writeFileSync(p('empty.wav'), '');
    const e = await failure(p('empty.wav'));
    expect(e.code).toBe('BROKEN_AUDIO');
    expect(e.message).toBe(`${p('empty.wav')}: the file is empty (0 bytes)`);
  });

  it('rejects a truncated header', async () => {
    const full = writeWav(p('full.wav'), { sampleRate: 8000, samples: [sine(440, 0.1, 8000)] });
    copyFileSync(full, p('cut.wav'));
    truncateSync(p('cut.wav'), 8);
    const tiny = await failure(p('cut.wav'));
    expect(tiny.code).toBe('BROKEN_AUDIO');
    expect(tiny.message).toMatch(/cut\.wav: the file holds only 8 bytes, too few for a WAV header/);
    copyFileSync(full, p('cut2.wav'));
    truncateSync(p('cut2.wav'), 30); // inside the fmt chunk, before any data chunk
    const mid = await failure(p('cut2.wav'));
    expect(mid.code).toBe('BROKEN_AUDIO');
    expect(mid.message).toMatch(/cut2\.wav: .*(no "data" chunk|"fmt " chunk is only)/);
  });

  it('rejects random bytes named .wav and .flac, naming what they start with', async () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7919 + 13) & 0xff));
    writeFileSync(p('random.wav'), bytes);
    const wav = await failure(p('random.wav'));
    expect(wav.code).toBe('BROKEN_AUDIO');
    expect(wav.message).toMatch(/random\.wav: not a WAV file \(it starts with 0d fc eb da/);
    writeFileSync(p('random.flac'), bytes);
    const flac = await failure(p('random.flac'));
    expect(flac.message).toMatch(/random\.flac: not a FLAC file \(it starts with 0d fc/);
    copyFileSync(join(MEDIA_DIR, 'cuckoo.ogg'), p('really-ogg.mp3'));
    const mp3 = await failure(p('really-ogg.mp3'));
    expect(mp3.message).toMatch(/really-ogg\.mp3: not a MP3 file \(it starts with "OggS"/);
  });

  it('rejects a truncated FLAC header and an Ogg file holding Opus', async () => {
    writeFileSync(p('short.flac'), readFileSync(join(MEDIA_DIR, 'dog.flac')).subarray(0, 20));
    const flac = await failure(p('short.flac'));
    expect(flac.code).toBe('BROKEN_AUDIO');
    expect(flac.message).toBe(`${p('short.flac')}: the FLAC header is truncated (20 bytes)`);
    const opus = Buffer.alloc(200);
    opus.write('OggS', 0, 'latin1');
    opus.write('OpusHead', 28, 'latin1');
    writeFileSync(p('voice.ogg'), opus);
    const e = await failure(p('voice.ogg'));
    expect(e.code).toBe('UNSUPPORTED_AUDIO');
    expect(e.message).toBe(`${p('voice.ogg')}: this Ogg file holds Opus; only Ogg Vorbis is supported`);
  });

  it('rejects a header claiming 4 GB of data in a small file', async () => {
    const path = writeWav(p('huge-claim.wav'), { sampleRate: 8000, samples: [new Float32Array(600)], dataSizeOverride: 0xffffffff });
    const e = await failure(path);
    expect(e.code).toBe('BROKEN_AUDIO');
    expect(e.message).toBe(
      `${path}: data chunk claims 4294967295 bytes but the file holds only 1200 after the header: the file is truncated or its header is damaged`,
    );
  });

  it('recovers the audio when a recorder left the data size at 0, and says so', async () => {
    const path = writeWav(p('zero-size.wav'), { sampleRate: 8000, samples: [new Float32Array(800)], dataSizeOverride: 0 });
    const r = await probeRecording(path);
    expect(r.duration_s).toBe(0.1);
    expect(r.metadata['wav.repaired']).toMatch(/data chunk size was 0/);
    // A data chunk that really is empty, followed by GUANO, stays empty.
    const empty = await probeRecording(writeWav(p('empty-data.wav'), { sampleRate: 8000, samples: [new Float32Array(0)], guano: { Site: 'Quiet' } }));
    expect(empty.duration_s).toBe(0);
    expect(empty.site).toBe('Quiet');
    expect(empty.metadata['wav.repaired']).toBeUndefined();
  });

  it('reports a missing path, a folder and an unsupported extension', async () => {
    const missing = await failure(p('nope.wav'));
    expect(missing.code).toBe('IO');
    expect(missing.message).toBe(`${p('nope.wav')}: the file does not exist`);
    mkdirSync(p('folder.wav'));
    const folder = await failure(p('folder.wav'));
    expect(folder.code).toBe('IO');
    expect(folder.message).toBe(`${p('folder.wav')}: this is a folder, not an audio file`);
    writeFileSync(p('notes.aiff'), 'x');
    const ext = await failure(p('notes.aiff'));
    expect(ext.code).toBe('UNSUPPORTED_AUDIO');
    expect(ext.message).toMatch(/notes\.aiff: "\.aiff" files are not supported; Earmark reads \.wav, .*\.flac, \.mp3, \.ogg/);
  });

  it('rejects A-law (compressed) WAV as unsupported', async () => {
    const path = writeWav(p('alaw.wav'), { sampleRate: 8000, bitDepth: 8, samples: [new Float32Array(10)] });
    const buf = readFileSync(path);
    buf.writeUInt16LE(6, 20); // format tag: A-law
    writeFileSync(path, buf);
    const e = await failure(path);
    expect(e.code).toBe('UNSUPPORTED_AUDIO');
    expect(e.message).toMatch(/A-law WAV \(format tag 0x6\) is not supported/);
  });
});

describe('probeRecording: fingerprint', () => {
  it('changes with content and size, not with the path', async () => {
    const a = writeWav(p('fa.wav'), { sampleRate: 8000, samples: [sine(440, 1, 8000)] });
    copyFileSync(a, p('fa-copy.wav'));
    const b = writeWav(p('fb.wav'), { sampleRate: 8000, samples: [sine(441, 1, 8000)] });
    const [ra, rc, rb] = await Promise.all([a, p('fa-copy.wav'), b].map(probeRecording));
    expect(rc.fingerprint).toBe(ra.fingerprint);
    expect(rb.fingerprint).not.toBe(ra.fingerprint);
  });
});
