import type { AudioChunk, AudioSource, ChannelSelection, StreamOptions } from '../source';
import { broken, readWavLayout, type WavLayout } from '../metadata/wav-layout';
import { checkChannel, convertFrames } from './pcm';
import { openFile } from './io-error';

// WAV needs no decoder: every frame sits at dataOffset + frame * blockAlign, so both stream() and
// read() are direct positional reads, bounded in size whatever the file length.

const MAX_READ_BYTES = 4 << 20;
const DEFAULT_CHUNK_FRAMES = 65536;

export async function openWavSource(path: string): Promise<AudioSource> {
  const { fh, size } = await openFile(path);
  let layout: WavLayout;
  try {
    layout = await readWavLayout(fh, path, size);
  } catch (e) {
    await fh.close();
    throw e;
  }
  const handle = fh;
  let closed = false;
  const { totalFrames, sampleRate, channels, blockAlign } = layout;

  /** Reads frames [from, from+frames) into out[outOffset...], which the caller has bounds-checked. */
  async function fill(from: number, frames: number, channel: ChannelSelection, out: Float32Array, outOffset: number) {
    if (closed) throw new Error(`${path}: the audio source is closed`);
    const maxFrames = Math.max(1, Math.floor(MAX_READ_BYTES / blockAlign));
    for (let done = 0; done < frames; ) {
      const n = Math.min(maxFrames, frames - done);
      // A fresh ArrayBuffer keeps typed-array views aligned (Buffer's pool would not be).
      const bytes = new Uint8Array(n * blockAlign);
      const position = layout.dataOffset + (from + done) * blockAlign;
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, position);
      if (bytesRead < bytes.length) {
        const t = ((from + done) / sampleRate).toFixed(3);
        throw broken(path, `the file ended early while reading audio at ${t} s (byte ${position + bytesRead}): it was truncated after it was opened`);
      }
      convertFrames(bytes, n, layout, channel, out, outOffset + done);
      done += n;
    }
  }

  const source: AudioSource = {
    path,
    info: {
      format: 'wav',
      sampleRate,
      channels,
      totalFrames,
      durationS: totalFrames / sampleRate,
    },
    async *stream(options: StreamOptions = {}): AsyncIterable<AudioChunk> {
      const channel = options.channel ?? 'mix';
      checkChannel(path, channel, channels);
      const start = Math.max(0, Math.floor(options.startFrame ?? 0));
      const end = Math.min(totalFrames, Math.floor(options.endFrame ?? totalFrames));
      const step = Math.max(1, Math.min(options.chunkFrames ?? DEFAULT_CHUNK_FRAMES, Math.floor(MAX_READ_BYTES / blockAlign)));
      for (let f = start; f < end; f += step) {
        options.signal?.throwIfAborted();
        const n = Math.min(step, end - f);
        const samples = new Float32Array(n);
        await fill(f, n, channel, samples, 0);
        yield { frame: f, samples };
      }
    },
    async read(start: number, end: number, channel: ChannelSelection = 'mix'): Promise<Float32Array> {
      checkChannel(path, channel, channels);
      start = Math.floor(start);
      end = Math.floor(end);
      const out = new Float32Array(Math.max(0, end - start));
      const from = Math.max(0, start);
      const to = Math.min(totalFrames, end);
      if (to > from) await fill(from, to - from, channel, out, from - start);
      return out;
    },
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
  return source;
}
