import type { FileHandle } from 'node:fs/promises';
import { EarmarkError } from '../../../shared/errors';
import { describeBytes } from './format';

// A small, tolerant RIFF/WAVE chunk walker shared by the probe (metadata) and the WAV decoder
// (sample layout). It reads chunk headers with positional reads, so a file is never loaded whole and
// chunks that follow the audio (GUANO is often appended after `data`) are still found.
// Spec: Microsoft RIFF/WAVE + WAVE_FORMAT_EXTENSIBLE; EBU Tech 3285 (bext); GUANO v1.

export type WavSampleFormat = 'int' | 'float';

export interface WavChunk {
  id: string;
  /** Offset of the chunk body (after the 8-byte header). */
  offset: number;
  size: number;
}

export interface WavLayout {
  sampleFormat: WavSampleFormat;
  sampleRate: number;
  channels: number;
  /** Bytes of one sample of one channel as stored (container size). */
  bytesPerSample: number;
  /** Meaningful bits (wValidBitsPerSample for EXTENSIBLE, else the container size). */
  bitDepth: number;
  blockAlign: number;
  dataOffset: number;
  dataBytes: number;
  totalFrames: number;
  /** Every chunk found, in file order (including fmt and data). */
  chunks: WavChunk[];
  /** Notes about tolerated damage (e.g. a data size of 0 repaired from the file size). */
  repairs: string[];
}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
// Sub-format GUIDs are {XXXXXXXX-0000-0010-8000-00AA00389B71}; the first 2 bytes carry the format tag.
const GUID_TAIL = '000000001000800000aa00389b71';

export function broken(path: string, problem: string): EarmarkError {
  return new EarmarkError('BROKEN_AUDIO', `${path}: ${problem}`);
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return bytesRead === length ? buf : buf.subarray(0, bytesRead);
}

/** True when a well-formed chunk header (printable id, size that fits) starts at `pos`. */
async function looksLikeChunk(fh: FileHandle, pos: number, size: number): Promise<boolean> {
  const hdr = await readAt(fh, pos, 8);
  if (hdr.length < 8) return false;
  return /^[A-Za-z0-9 ]{4}$/.test(hdr.toString('latin1', 0, 4)) && pos + 8 + hdr.readUInt32LE(4) <= size;
}

/** Reads and validates the RIFF structure. `size` is the file size in bytes. */
export async function readWavLayout(fh: FileHandle, path: string, size: number): Promise<WavLayout> {
  if (size === 0) throw broken(path, 'the file is empty (0 bytes)');
  const head = await readAt(fh, 0, Math.min(size, 12));
  if (head.length < 12) {
    throw broken(path, `the file holds only ${size} bytes, too few for a WAV header: it is truncated`);
  }
  const riff = head.toString('latin1', 0, 4);
  const wave = head.toString('latin1', 8, 12);
  if ((riff !== 'RIFF' && riff !== 'RF64') || wave !== 'WAVE') {
    throw broken(path, `not a WAV file (it starts with ${describeBytes(head)}, expected "RIFF....WAVE")`);
  }
  const rf64 = riff === 'RF64';
  let rf64DataSize: number | null = null;

  const chunks: WavChunk[] = [];
  const repairs: string[] = [];
  let fmt: Buffer | null = null;
  let data: WavChunk | null = null;
  let pos = 12;
  // Walk every chunk header; stop at the end of the file or at a header that cannot be read.
  while (pos + 8 <= size) {
    const hdr = await readAt(fh, pos, 8);
    if (hdr.length < 8) break;
    const id = hdr.toString('latin1', 0, 4);
    let chunkSize = hdr.readUInt32LE(4);
    const body = pos + 8;
    if (!/^[\x20-\x7e]{4}$/.test(id)) {
      // Garbage after the last chunk (common: recorders pad files with zeros). Keep what we have.
      if (data) break;
      throw broken(path, `the WAV header is damaged: unreadable chunk id at byte ${pos}`);
    }
    if (id === 'ds64' && rf64) {
      const ds = await readAt(fh, body, Math.min(chunkSize, 28));
      if (ds.length >= 16) rf64DataSize = Number(ds.readBigUInt64LE(8));
    }
    if (id === 'data') {
      if (rf64 && chunkSize === 0xffffffff && rf64DataSize !== null) chunkSize = rf64DataSize;
      const available = size - body;
      if (chunkSize === 0 && available > 0 && !(await looksLikeChunk(fh, body, size))) {
        // A recorder that lost power before rewriting its header leaves size 0 with the audio in
        // place. When the bytes that follow are not another chunk (a genuinely empty data chunk),
        // recovering them is what the user wants; the probe reports it as 'wav.repaired'.
        chunkSize = available;
        repairs.push(`data chunk size was 0; used the ${available} bytes that follow it`);
      } else if (chunkSize > available) {
        // Deliberately no tolerance for 0xFFFFFFFF ("unknown length" from streaming writers): a header
        // claiming 4 GB in a small file is indistinguishable from damage, so say so plainly.
        throw broken(
          path,
          `data chunk claims ${chunkSize} bytes but the file holds only ${available} after the header: ` +
            'the file is truncated or its header is damaged',
        );
      }
      data = { id, offset: body, size: chunkSize };
      chunks.push(data);
    } else {
      if (id === 'fmt ') fmt = await readAt(fh, body, Math.min(chunkSize, 64));
      chunks.push({ id, offset: body, size: Math.min(chunkSize, Math.max(0, size - body)) });
    }
    // Odd-sized chunks are followed by one pad byte (RIFF rule).
    pos = body + chunkSize + (chunkSize & 1);
  }

  if (!fmt) throw broken(path, 'the WAV file has no "fmt " chunk: its header is damaged or truncated');
  if (fmt.length < 16) throw broken(path, `the "fmt " chunk is only ${fmt.length} bytes long (needs 16)`);
  if (!data) throw broken(path, 'the WAV file has no "data" chunk: it is truncated or holds no audio');

  let tag = fmt.readUInt16LE(0);
  const channels = fmt.readUInt16LE(2);
  const sampleRate = fmt.readUInt32LE(4);
  const blockAlign = fmt.readUInt16LE(12);
  const bitsPerSample = fmt.readUInt16LE(14);
  let validBits = bitsPerSample;
  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (fmt.length < 40) throw broken(path, 'WAVE_FORMAT_EXTENSIBLE header is shorter than 40 bytes');
    validBits = fmt.readUInt16LE(18) || bitsPerSample;
    const guid = fmt.subarray(24, 40).toString('hex');
    if (guid.slice(4) !== GUID_TAIL) {
      throw new EarmarkError('UNSUPPORTED_AUDIO', `${path}: unsupported WAV sub-format {${guid}}`);
    }
    tag = fmt.readUInt16LE(24);
  }
  if (channels < 1) throw broken(path, 'the WAV header says the file has 0 channels');
  if (sampleRate < 1) throw broken(path, 'the WAV header says the sample rate is 0 Hz');
  let sampleFormat: WavSampleFormat;
  if (tag === WAVE_FORMAT_PCM) sampleFormat = 'int';
  else if (tag === WAVE_FORMAT_IEEE_FLOAT) sampleFormat = 'float';
  else {
    const name = tag === 0x0002 ? 'ADPCM' : tag === 0x0006 ? 'A-law' : tag === 0x0007 ? 'mu-law' : 'compressed';
    throw new EarmarkError(
      'UNSUPPORTED_AUDIO',
      `${path}: ${name} WAV (format tag 0x${tag.toString(16)}) is not supported; save it as PCM or float WAV`,
    );
  }
  const bytesPerSample = Math.ceil(bitsPerSample / 8);
  const okInt = sampleFormat === 'int' && bytesPerSample >= 1 && bytesPerSample <= 4;
  const okFloat = sampleFormat === 'float' && (bytesPerSample === 4 || bytesPerSample === 8);
  if (!okInt && !okFloat) {
    throw new EarmarkError(
      'UNSUPPORTED_AUDIO',
      `${path}: ${bitsPerSample}-bit ${sampleFormat} WAV samples are not supported`,
    );
  }
  if (blockAlign !== bytesPerSample * channels) {
    throw broken(
      path,
      `the WAV header is inconsistent: block align ${blockAlign} for ${channels} channel(s) of ${bitsPerSample} bits`,
    );
  }
  return {
    sampleFormat,
    sampleRate,
    channels,
    bytesPerSample,
    bitDepth: sampleFormat === 'float' ? bytesPerSample * 8 : Math.min(validBits, bitsPerSample),
    blockAlign,
    dataOffset: data.offset,
    dataBytes: data.size,
    totalFrames: Math.floor(data.size / blockAlign),
    chunks,
    repairs,
  };
}

/** Reads a chunk body (capped, because metadata chunks are small and a damaged size must not OOM us). */
export async function readChunk(fh: FileHandle, chunk: WavChunk, cap = 1 << 20): Promise<Buffer> {
  return readAt(fh, chunk.offset, Math.min(chunk.size, cap));
}
