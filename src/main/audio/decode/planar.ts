import type { AudioChunk, ChannelSelection, StreamOptions } from '../source';
import { checkChannel, selectPlanar } from './pcm';

export { checkChannel };

// Helpers shared by the decoders that produce planar Float32 output (FLAC, MP3, Ogg Vorbis).

const DEFAULT_CHUNK_FRAMES = 65536;

/**
 * Yields the part of one decoded block [pos, pos + n) that falls inside [start, end), as chunks of
 * at most `chunkFrames` frames.
 */
export function* emitPlanar(
  planes: Float32Array[],
  n: number,
  pos: number,
  start: number,
  end: number,
  channel: ChannelSelection,
  chunkFrames = DEFAULT_CHUNK_FRAMES,
  signal?: AbortSignal,
): Generator<AudioChunk> {
  const from = Math.max(start, pos);
  const to = Math.min(end, pos + n);
  const step = Math.max(1, Math.floor(chunkFrames));
  for (let f = from; f < to; f += step) {
    signal?.throwIfAborted(); // one decoded block can hold many chunks
    const g = Math.min(to, f + step);
    yield { frame: f, samples: selectPlanar(planes, f - pos, g - pos, channel) };
  }
}

/** read() on top of stream(): frames [start, end) clamped to the file, zero-filled outside it. */
export async function collectRange(
  stream: (o: StreamOptions) => AsyncIterable<AudioChunk>,
  start: number,
  end: number,
  totalFrames: number,
  channel: ChannelSelection,
): Promise<Float32Array> {
  start = Math.floor(start);
  end = Math.floor(end);
  const out = new Float32Array(Math.max(0, end - start));
  const from = Math.max(0, start);
  const to = Math.min(totalFrames, end);
  if (to <= from) return out;
  for await (const c of stream({ startFrame: from, endFrame: to, channel, chunkFrames: to - from })) {
    out.set(c.samples.subarray(0, Math.min(c.samples.length, end - c.frame)), c.frame - start);
  }
  return out;
}
