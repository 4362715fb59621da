import type { FileHandle } from 'node:fs/promises';
import { parseFile } from 'music-metadata';
import { EarmarkError } from '../../../shared/errors';
import { describeBytes } from './format';

// FLAC / MP3 / Ogg Vorbis: check the magic bytes ourselves (so a misnamed or random file gets a plain
// "not a FLAC file" message), then let music-metadata read the headers. `duration: false` stops it
// scanning whole MP3s; FLAC's STREAMINFO, MP3's Xing/LAME tag and Ogg's last page give duration anyway.

export interface CompressedInfo {
  duration_s: number;
  sample_rate: number;
  channels: number;
  bit_depth: number | null;
  metadata: Record<string, string>;
}

type Kind = 'flac' | 'mp3' | 'ogg';
const NAMES: Record<Kind, string> = { flac: 'FLAC', mp3: 'MP3', ogg: 'Ogg Vorbis' };

/** Where the audio starts after any ID3v2 tags (also used by the FLAC/MP3 decoders). */
export function id3v2Length(head: Uint8Array): number {
  if (head.length >= 10 && head[0] === 0x49 && head[1] === 0x44 && head[2] === 0x33) {
    const size = ((head[6] & 0x7f) << 21) | ((head[7] & 0x7f) << 14) | ((head[8] & 0x7f) << 7) | (head[9] & 0x7f);
    return 10 + size + (head[5] & 0x10 ? 10 : 0);
  }
  return 0;
}

function isMpegSync(b: Uint8Array, i: number): boolean {
  // 11-bit frame sync, a valid layer, a bitrate index that is not "bad" and a sample-rate index not 3.
  return b[i] === 0xff && (b[i + 1] & 0xe0) === 0xe0 && (b[i + 1] & 0x06) !== 0 && (b[i + 2] & 0xf0) !== 0xf0 && (b[i + 2] & 0x0c) !== 0x0c;
}

async function checkMagic(fh: FileHandle, path: string, kind: Kind, size: number): Promise<void> {
  if (size === 0) throw new EarmarkError('BROKEN_AUDIO', `${path}: the file is empty (0 bytes)`);
  const head = Buffer.alloc(Math.min(size, 4096));
  await fh.read(head, 0, head.length, 0);
  const fail = () =>
    new EarmarkError('BROKEN_AUDIO', `${path}: not a ${NAMES[kind]} file (it starts with ${describeBytes(head)})`);
  if (kind === 'flac') {
    const at = id3v2Length(head); // some taggers put ID3 in front of FLAC
    const magic = Buffer.alloc(4);
    await fh.read(magic, 0, 4, at);
    if (magic.toString('latin1') !== 'fLaC') throw fail();
    if (size < at + 42) throw new EarmarkError('BROKEN_AUDIO', `${path}: the FLAC header is truncated (${size} bytes)`);
  } else if (kind === 'ogg') {
    if (head.toString('latin1', 0, 4) !== 'OggS') throw fail();
    if (head.indexOf('vorbis', 0, 'latin1') < 0) {
      const codec = head.indexOf('OpusHead', 0, 'latin1') >= 0 ? 'Opus' : head.indexOf('fLaC', 0, 'latin1') >= 0 ? 'FLAC' : 'an unknown codec';
      throw new EarmarkError('UNSUPPORTED_AUDIO', `${path}: this Ogg file holds ${codec}; only Ogg Vorbis is supported`);
    }
  } else {
    const at = id3v2Length(head);
    const frame = Buffer.alloc(4);
    const { bytesRead } = await fh.read(frame, 0, 4, at);
    if (bytesRead < 4 || !isMpegSync(frame, 0)) throw fail();
  }
}

/**
 * Ogg: the granule position of the last page is the stream's length in samples. music-metadata only
 * finds it by walking every page (and gives up on long files with `duration: false`), so read the
 * tail ourselves: a page is at most 65,307 bytes.
 */
export async function oggLastGranule(fh: FileHandle, size: number): Promise<number | null> {
  const len = Math.min(size, 65536 + 27);
  const buf = Buffer.alloc(len);
  const { bytesRead } = await fh.read(buf, 0, len, size - len);
  const tail = buf.subarray(0, bytesRead);
  let best: number | null = null;
  for (let i = tail.indexOf('OggS', 0, 'latin1'); i >= 0; i = tail.indexOf('OggS', i + 1, 'latin1')) {
    if (i + 27 > tail.length || tail[i + 4] !== 0) continue;
    const segs = tail[i + 26];
    if (i + 27 + segs > tail.length) continue;
    let body = 0;
    for (let k = 0; k < segs; k++) body += tail[i + 27 + k];
    if (i + 27 + segs + body > tail.length) continue; // page runs past the end: truncated
    const granule = tail.readBigInt64LE(i + 6);
    if (granule >= 0n) best = Number(granule);
  }
  return best;
}

function text(v: unknown): string | null {
  if (v == null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && v !== null && 'text' in v && typeof (v as { text: unknown }).text === 'string') {
    return (v as { text: string }).text;
  }
  return null;
}

export async function probeCompressed(fh: FileHandle, path: string, kind: Kind, size: number): Promise<CompressedInfo> {
  await checkMagic(fh, path, kind, size);
  let meta;
  try {
    meta = await parseFile(path, { duration: false, skipCovers: true });
  } catch (e) {
    throw new EarmarkError('BROKEN_AUDIO', `${path}: the ${NAMES[kind]} headers cannot be read (${(e as Error).message})`);
  }
  const f = meta.format;
  if (!f.sampleRate || !f.numberOfChannels) {
    throw new EarmarkError('BROKEN_AUDIO', `${path}: the ${NAMES[kind]} headers give no sample rate or channel count`);
  }
  let duration = f.duration ?? (f.numberOfSamples ? f.numberOfSamples / f.sampleRate : undefined);
  if (duration === undefined && kind === 'ogg') {
    const granule = await oggLastGranule(fh, size);
    if (granule !== null) duration = granule / f.sampleRate;
  }
  // A CBR MP3 without a Xing/LAME tag: estimate from the bitrate rather than scanning every frame.
  if (duration === undefined && kind === 'mp3' && f.bitrate) duration = (size * 8) / f.bitrate;
  if (duration === undefined || !Number.isFinite(duration)) {
    throw new EarmarkError('BROKEN_AUDIO', `${path}: the ${NAMES[kind]} headers do not give the length of the recording`);
  }
  const metadata: Record<string, string> = { codec: f.codec ?? NAMES[kind] };
  if (f.bitrate) metadata.bitrate = String(Math.round(f.bitrate));
  if (f.tool) metadata.encoder = f.tool;
  for (const [tagType, tags] of Object.entries(meta.native)) {
    for (const tag of tags) {
      const v = text(tag.value);
      if (v === null) continue;
      const key = `${tagType.toLowerCase().replace(/[^a-z0-9]+/g, '')}.${tag.id}`;
      metadata[key] = key in metadata ? `${metadata[key]}; ${v}` : v;
    }
  }
  return {
    duration_s: duration,
    sample_rate: f.sampleRate,
    channels: f.numberOfChannels,
    bit_depth: kind === 'flac' ? (f.bitsPerSample ?? null) : null,
    metadata,
  };
}
