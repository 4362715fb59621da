import type { AudioFormat } from '../../shared/domain';

// Streaming access to a recording's samples. Nothing here holds a whole file in memory: a 10-hour
// recording must decode with bounded memory (issue 3) and a 60-minute one must show its first screen
// without a whole-file pass (issue 2, ../shared/LONG-RECORDINGS.md).

export interface AudioSourceInfo {
  format: AudioFormat;
  sampleRate: number;
  channels: number;
  /** Exact for WAV and FLAC (STREAMINFO); for MP3/Ogg from headers and may be refined by decoding. */
  totalFrames: number;
  durationS: number;
}

/** Which signal to deliver: the mean of all channels, or one channel (0-based). */
export type ChannelSelection = 'mix' | number;

export interface AudioChunk {
  /** Index of the first frame of `samples` in the file. */
  frame: number;
  samples: Float32Array;
}

export interface StreamOptions {
  startFrame?: number;
  endFrame?: number;
  channel?: ChannelSelection;
  /** Approximate frames per chunk; decoders may deliver other sizes. */
  chunkFrames?: number;
  signal?: AbortSignal;
}

export interface AudioSource {
  readonly path: string;
  readonly info: AudioSourceInfo;
  /** Frames in file order, starting at startFrame (default 0), ending at endFrame (default: the end). */
  stream(options?: StreamOptions): AsyncIterable<AudioChunk>;
  /**
   * Frames [start, end) clamped to the file; zero-filled where the range lies outside it.
   * Random access for WAV (direct reads) and FLAC (seek index); sequential decode otherwise.
   */
  read(start: number, end: number, channel?: ChannelSelection): Promise<Float32Array>;
  close(): Promise<void>;
}
