import { EarmarkError } from '../../../shared/errors';
import type { ChannelSelection } from '../source';
import type { WavSampleFormat } from '../metadata/wav-layout';

// Interleaved WAV bytes -> one Float32 signal in [-1, 1] (mixdown or one channel).
// Typed-array views assume a little-endian host, which every platform Electron ships on is.

export interface PcmShape {
  sampleFormat: WavSampleFormat;
  bytesPerSample: number;
  channels: number;
}

type Reader = (frameIndex: number, ch: number) => number;

function makeReader(bytes: Uint8Array, shape: PcmShape): Reader {
  const { channels: n } = shape;
  const ab = bytes.buffer;
  const off = bytes.byteOffset;
  if (shape.sampleFormat === 'float') {
    if (shape.bytesPerSample === 8) {
      const v = new Float64Array(ab, off, bytes.byteLength >> 3);
      return (f, c) => v[f * n + c];
    }
    const v = new Float32Array(ab, off, bytes.byteLength >> 2);
    return (f, c) => v[f * n + c];
  }
  switch (shape.bytesPerSample) {
    case 1: // 8-bit WAV is unsigned with 128 as silence
      return (f, c) => (bytes[f * n + c] - 128) / 128;
    case 2: {
      const v = new Int16Array(ab, off, bytes.byteLength >> 1);
      return (f, c) => v[f * n + c] / 32768;
    }
    case 3:
      return (f, c) => {
        const i = (f * n + c) * 3;
        // Shift into the top of an int32 so the sign bit lands right, then scale.
        return ((bytes[i] << 8) | (bytes[i + 1] << 16) | (bytes[i + 2] << 24)) / 2147483648;
      };
    default: {
      const v = new Int32Array(ab, off, bytes.byteLength >> 2);
      return (f, c) => v[f * n + c] / 2147483648;
    }
  }
}

/**
 * Converts `frames` whole frames from `bytes` (which must start on a frame boundary and be aligned to
 * the sample size: allocate it fresh) into `out` starting at `outOffset`.
 */
export function convertFrames(
  bytes: Uint8Array,
  frames: number,
  shape: PcmShape,
  channel: ChannelSelection,
  out: Float32Array,
  outOffset: number,
): void {
  const read = makeReader(bytes, shape);
  const n = shape.channels;
  if (channel === 'mix' && n > 1) {
    for (let f = 0; f < frames; f++) {
      let sum = 0;
      for (let c = 0; c < n; c++) sum += read(f, c);
      out[outOffset + f] = sum / n;
    }
  } else {
    const c = channel === 'mix' ? 0 : channel;
    for (let f = 0; f < frames; f++) out[outOffset + f] = read(f, c);
  }
}

/** Same selection over already-decoded planar channels (FLAC/MP3/Ogg decoders return planar data). */
export function selectPlanar(
  planes: Float32Array[],
  from: number,
  to: number,
  channel: ChannelSelection,
): Float32Array {
  const len = Math.max(0, to - from);
  if (channel !== 'mix') return planes[channel].slice(from, to);
  if (planes.length === 1) return planes[0].slice(from, to);
  const out = new Float32Array(len);
  for (const p of planes) for (let i = 0; i < len; i++) out[i] += p[from + i];
  const k = 1 / planes.length;
  for (let i = 0; i < len; i++) out[i] *= k;
  return out;
}

export function checkChannel(path: string, channel: ChannelSelection, channels: number): void {
  if (channel === 'mix') return;
  if (!Number.isInteger(channel) || channel < 0 || channel >= channels) {
    throw new EarmarkError('BAD_INPUT', `${path}: channel ${channel} does not exist (the file has ${channels})`);
  }
}
