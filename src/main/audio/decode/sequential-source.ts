import { MPEGDecoder } from 'mpg123-decoder';
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import { EarmarkError } from '../../../shared/errors';
import type { AudioChunk, AudioSource, AudioSourceInfo, ChannelSelection, StreamOptions } from '../source';
import { probeCompressed } from '../metadata/compressed';
import { openFile } from './io-error';
import { checkChannel, collectRange, emitPlanar } from './planar';

// MP3 (mpg123-decoder) and Ogg Vorbis (@wasm-audio-decoders/ogg-vorbis): decoded from the start on
// every stream()/read() — these formats have no cheap exact seek, and field recordings rarely use
// them. Input is fed in bounded chunks, so memory stays flat whatever the length.

const READ_BYTES = 64 << 10;

interface Decoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  errors: { message: string }[];
}

interface Decoder {
  ready: Promise<void>;
  decode(chunk: Uint8Array): Decoded | Promise<Decoded>;
  flush?(): Promise<Decoded>;
  free(): void;
}

const NAMES = { mp3: 'MP3', ogg: 'Ogg Vorbis' } as const;

function makeDecoder(kind: 'mp3' | 'ogg'): Decoder {
  if (kind === 'mp3') return new MPEGDecoder();
  const d = new OggVorbisDecoder();
  return { ready: d.ready, decode: (c) => d.decode(c), flush: () => d.flush(), free: () => d.free() };
}

export async function openSequentialSource(path: string, kind: 'mp3' | 'ogg'): Promise<AudioSource> {
  const { fh, size } = await openFile(path);
  let info: AudioSourceInfo;
  try {
    const h = await probeCompressed(fh, path, kind, size);
    const totalFrames = Math.round(h.duration_s * h.sample_rate);
    info = { format: kind, sampleRate: h.sample_rate, channels: h.channels, totalFrames, durationS: totalFrames / h.sample_rate };
  } catch (e) {
    await fh.close();
    throw e;
  }
  let closed = false;
  const live = new Set<Decoder>();

  async function* stream(options: StreamOptions = {}): AsyncGenerator<AudioChunk> {
    const channel = options.channel ?? 'mix';
    checkChannel(path, channel, info.channels);
    if (closed) throw new Error(`${path}: the audio source is closed`);
    const start = Math.max(0, Math.floor(options.startFrame ?? 0));
    const end = Math.floor(options.endFrame ?? Infinity);
    if (start >= end) return;
    const dec = makeDecoder(kind);
    live.add(dec);
    try {
      await dec.ready;
      let pos = 0;
      for (let byte = 0; pos < end; ) {
        options.signal?.throwIfAborted();
        const buf = new Uint8Array(Math.min(READ_BYTES, size - byte));
        const { bytesRead } = buf.length ? await fh.read(buf, 0, buf.length, byte) : { bytesRead: 0 };
        const atEof = bytesRead === 0;
        if (atEof && !dec.flush) break;
        const r = atEof ? await dec.flush!() : await dec.decode(buf.subarray(0, bytesRead));
        if (r.errors.length) {
          throw new EarmarkError(
            'BROKEN_AUDIO',
            `${path}: the ${NAMES[kind]} data is damaged at ${(pos / info.sampleRate).toFixed(3)} s ` +
              `(near byte ${byte} of ${size}; decoder said "${r.errors[0].message.trim()}")`,
          );
        }
        yield* emitPlanar(r.channelData, r.samplesDecoded, pos, start, end, channel, options.chunkFrames, options.signal);
        pos += r.samplesDecoded;
        byte += bytesRead;
        if (atEof) break;
      }
      if (end === Infinity && start === 0) {
        // A whole pass tells the true length; headers (especially of VBR MP3) only estimate it.
        info.totalFrames = pos;
        info.durationS = pos / info.sampleRate;
      }
    } finally {
      if (live.delete(dec)) dec.free();
    }
  }

  return {
    path,
    info,
    stream,
    read: (start: number, end: number, channel: ChannelSelection = 'mix') => collectRange(stream, start, end, info.totalFrames, channel),
    async close() {
      if (closed) return;
      closed = true;
      for (const d of live) d.free();
      live.clear();
      await fh.close();
    },
  };
}
