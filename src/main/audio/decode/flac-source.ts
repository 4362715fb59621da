import type { FileHandle } from 'node:fs/promises';
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { EarmarkError } from '../../../shared/errors';
import type { AudioChunk, AudioSource, ChannelSelection, StreamOptions } from '../source';
import { id3v2Length } from '../metadata/compressed';
import { describeBytes } from '../metadata/format';
import { parseFlacHeader, type FlacHeader, type SeekPoint } from './flac-frames';
import { FlacIndex } from './flac-index';
import { FlacRangeReader } from './flac-range';
import { openFile } from './io-error';
import { checkChannel, collectRange, emitPlanar } from './planar';

// FLAC through @wasm-audio-decoders/flac, fed in bounded chunks (never the whole file). Each stream()
// owns its own decoder instance (freed when the stream ends), so concurrent reads do not interfere;
// all of them grow one shared seek index (flac-index.ts). read() decodes just the frames it needs
// (flac-range.ts).

const READ_BYTES = 256 << 10;
/** No output after this many bytes means the decoder lost sync on damaged data (it reports nothing). */
const STALL_BYTES = 8 << 20;
const MAX_HEADER_BYTES = 16 << 20;
/** Most bytes decoded directly at the end of the file (a few final frames, never a damaged remainder). */
const TAIL_BYTES = 4 << 20;
/** read() ranges up to this many compressed bytes are decoded in one piece; larger ones stream. */
const RANGE_BYTES = 8 << 20;

async function readHeader(fh: FileHandle, path: string, size: number): Promise<FlacHeader> {
  if (size === 0) throw new EarmarkError('BROKEN_AUDIO', `${path}: the file is empty (0 bytes)`);
  let want = Math.min(size, 64 << 10);
  for (;;) {
    const buf = new Uint8Array(want);
    const { bytesRead } = await fh.read(buf, 0, want, 0);
    const head = buf.subarray(0, bytesRead);
    const h = parseFlacHeader(head, id3v2Length(head));
    if (h === 'bad') throw new EarmarkError('BROKEN_AUDIO', `${path}: not a FLAC file (it starts with ${describeBytes(head)})`);
    if (h) return h;
    if (want >= size || want >= MAX_HEADER_BYTES) {
      throw new EarmarkError('BROKEN_AUDIO', `${path}: the FLAC header is truncated or damaged (no audio frames follow it)`);
    }
    want = Math.min(size, want * 4);
  }
}

/** "fLaC" + STREAMINFO only: lets a fresh decoder start at any frame without re-reading tags or art. */
function minimalHeader(fileHead: Uint8Array, header: FlacHeader): Uint8Array {
  const m = header.markerOffset;
  const out = new Uint8Array(42);
  out.set(fileHead.subarray(m, m + 42));
  out[4] = 0x80; // last-metadata-block flag, type 0 (STREAMINFO)
  return out;
}

/**
 * The wasm decoder divides by 2^(bits-1) - 1; WAV readers (ours, sox, libsndfile) divide by
 * 2^(bits-1). Undo it so a FLAC and the WAV it was made from give identical samples.
 */
function rescale(planes: Float32Array[], n: number, bits: number): void {
  const peak = 2 ** (bits - 1);
  const dec = peak - 1;
  for (const p of planes) for (let i = 0; i < n; i++) p[i] = Math.round(p[i] * dec) / peak;
}

export async function openFlacSource(path: string): Promise<AudioSource> {
  const { fh, size } = await openFile(path);
  let header: FlacHeader;
  let startBytes: Uint8Array;
  try {
    header = await readHeader(fh, path, size);
    const head = new Uint8Array(header.markerOffset + 42);
    await fh.read(head, 0, head.length, 0);
    startBytes = minimalHeader(head, header);
  } catch (e) {
    await fh.close();
    throw e;
  }
  const si = header.streamInfo;
  const totalFrames = si.totalSamples;
  const index = new FlacIndex(header, fh, size);
  let closed = false;
  const live = new Set<FLACDecoder>();

  const broken = (what: string, sample: number, byte: number) =>
    new EarmarkError(
      'BROKEN_AUDIO',
      `${path}: ${what} at ${(sample / si.sampleRate).toFixed(3)} s (near byte ${byte} of ${size}): the file is damaged or truncated`,
    );

  async function* stream(options: StreamOptions = {}): AsyncGenerator<AudioChunk> {
    const channel = options.channel ?? 'mix';
    checkChannel(path, channel, si.channels);
    if (closed) throw new Error(`${path}: the audio source is closed`);
    const start = Math.max(0, Math.floor(options.startFrame ?? 0));
    const knownEnd = totalFrames > 0 ? totalFrames : Infinity;
    const end = Math.min(knownEnd, Math.floor(options.endFrame ?? knownEnd));
    if (start >= end) return;
    const point = await index.seekPoint(start);
    // The last few frame starts seen, to finish the file if the stream parser drops its last frame.
    const recent: SeekPoint[] = [];
    const scanner = index.scanner(point, (b, s) => {
      recent.push({ byte: b, sample: s });
      if (recent.length > 64) recent.shift();
    });
    const dec = new FLACDecoder();
    live.add(dec);
    try {
      await dec.ready;
      await dec.decode(startBytes);
      let pos = point.sample;
      let byte = point.byte;
      let lastOutputByte = byte;
      while (pos < end) {
        options.signal?.throwIfAborted();
        const buf = new Uint8Array(Math.min(READ_BYTES, size - byte));
        const { bytesRead } = buf.length ? await fh.read(buf, 0, buf.length, byte) : { bytesRead: 0 };
        const atEof = bytesRead === 0;
        const chunk = buf.subarray(0, bytesRead);
        if (!atEof) scanner.push(chunk, byte + bytesRead >= size);
        const r = atEof ? await dec.flush() : await dec.decode(chunk);
        if (r.errors.length) throw broken(`the FLAC decoder failed (${r.errors[0].message})`, pos, byte);
        if (r.samplesDecoded > 0) lastOutputByte = byte;
        rescale(r.channelData, r.samplesDecoded, si.bitsPerSample);
        yield* emitPlanar(r.channelData, r.samplesDecoded, pos, start, end, channel, options.chunkFrames, options.signal);
        pos += r.samplesDecoded;
        byte += bytesRead;
        if (atEof) {
          // The stream parser (codec-parser) drops a very short final frame, e.g. ~13 bytes of
          // digital silence; decode whatever whole frames remain past `pos` directly.
          const at = recent.findIndex((f) => f.sample === pos);
          if (pos < end && at >= 0 && size - recent[at].byte <= TAIL_BYTES) {
            const tail = recent.slice(at);
            const bytes = new Uint8Array(size - tail[0].byte);
            await fh.read(bytes, 0, bytes.length, tail[0].byte);
            const cuts = [...tail.map((f) => f.byte - tail[0].byte), bytes.length];
            // flush() left the decoder freshly reset, so these frames need not follow anything.
            const t = await dec.decodeFrames(tail.map((_, i) => bytes.subarray(cuts[i], cuts[i + 1])));
            if (t.errors.length) throw broken(`the FLAC decoder failed (${t.errors[0].message})`, pos, tail[0].byte);
            rescale(t.channelData, t.samplesDecoded, si.bitsPerSample);
            yield* emitPlanar(t.channelData, t.samplesDecoded, pos, start, end, channel, options.chunkFrames, options.signal);
            pos += t.samplesDecoded;
          }
          break;
        }
        if (byte - lastOutputByte > STALL_BYTES) throw broken('decoding stopped', pos, lastOutputByte);
      }
      if (pos < end && end !== Infinity) throw broken(`decoding stopped after ${pos} of ${totalFrames} samples`, pos, byte);
    } finally {
      // close() may already have freed it.
      if (live.delete(dec)) dec.free();
    }
  }

  const ranges = new FlacRangeReader(fh, index, si, (planes, n) => rescale(planes, n, si.bitsPerSample), broken);

  async function read(start: number, end: number, channel: ChannelSelection = 'mix'): Promise<Float32Array> {
    checkChannel(path, channel, si.channels);
    if (closed) throw new Error(`${path}: the audio source is closed`);
    start = Math.floor(start);
    end = Math.floor(end);
    const out = new Float32Array(Math.max(0, end - start));
    const from = Math.max(0, start);
    const to = Math.min(totalFrames, end);
    if (to <= from) return out;
    if (await ranges.read(from, to, channel, out, start, RANGE_BYTES)) return out;
    return collectRange(stream, start, end, totalFrames, channel);
  }

  return {
    path,
    info: { format: 'flac', sampleRate: si.sampleRate, channels: si.channels, totalFrames, durationS: totalFrames / si.sampleRate },
    stream,
    read,
    async close() {
      if (closed) return;
      closed = true;
      ranges.close();
      for (const d of live) d.free();
      live.clear();
      await fh.close();
    },
    /** Seek points known so far (for tests and diagnostics). */
    get indexSize() {
      return index.size;
    },
  } as AudioSource & { indexSize: number };
}
