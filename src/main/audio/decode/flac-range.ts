import type { FileHandle } from 'node:fs/promises';
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import type { EarmarkError } from '../../../shared/errors';
import type { ChannelSelection } from '../source';
import type { StreamInfo } from './flac-frames';
import type { FlacIndex } from './flac-index';
import { emitPlanar } from './planar';

// read() for FLAC: decode only the frames that hold the range, handed to the wasm decoder as whole
// frames (decodeFrames: no stream parser, no flush). Two facts about @wasm-audio-decoders/flac 0.2
// shape this, both measured:
// - creating or resetting a decoder costs ~4.5 ms, which would dominate small reads (a spectrogram
//   column is ~1,000 samples), so one decoder is kept "parked" between reads, together with the
//   block it decoded last (reads that overlap it are served from it);
// - feeding a decoder a frame that does not follow the one it decoded last makes libFLAC report
//   MISSING_FRAME and, after some dozens of such jumps, corrupts its memory ("memory access out of
//   bounds"). So a parked decoder is only ever given the frames that continue where it stopped:
//   a read shortly after the previous one decodes the gap too; any other read gets a fresh decoder.

/** A parked decoder is reused when the next read starts at most this many samples later. */
const GAP_FRAMES = 32;

/** The last decoded block is kept when it is at most this long (per channel). */
const CACHE_FRAMES = 1 << 18;

interface Parked {
  dec: FLACDecoder;
  nextSample: number;
}

export class FlacRangeReader {
  private parked: Parked | null = null;
  private cache: { sample: number; length: number; planes: Float32Array[] } | null = null;
  private readonly live = new Set<FLACDecoder>();
  private closed = false;

  constructor(
    private readonly fh: FileHandle,
    private readonly index: FlacIndex,
    private readonly info: StreamInfo,
    private readonly rescale: (planes: Float32Array[], n: number) => void,
    private readonly broken: (what: string, sample: number, byte: number) => EarmarkError,
  ) {}

  private async take(from: number): Promise<{ dec: FLACDecoder; resumeAt: number | null }> {
    const p = this.parked;
    if (p && p.nextSample <= from && from - p.nextSample <= GAP_FRAMES * this.info.maxBlockSize) {
      this.parked = null;
      return { dec: p.dec, resumeAt: p.nextSample };
    }
    const dec = new FLACDecoder();
    this.live.add(dec);
    await dec.ready;
    return { dec, resumeAt: null };
  }

  private park(dec: FLACDecoder, nextSample: number): void {
    if (this.closed) return this.drop(dec);
    if (this.parked) this.drop(this.parked.dec);
    this.parked = { dec, nextSample };
  }

  private drop(dec: FLACDecoder): void {
    if (this.live.delete(dec)) dec.free();
  }

  /**
   * Samples [from, to) (already clamped to the file) into out[from - outStart ...]. Returns false,
   * having decoded nothing, when the range spans more than `maxBytes` of compressed data.
   */
  async read(from: number, to: number, channel: ChannelSelection, out: Float32Array, outStart: number, maxBytes: number): Promise<boolean> {
    // Serve what the last decoded block holds; the parked decoder continues right after it.
    const c = this.cache;
    if (c && c.sample <= from && from < c.sample + c.length) {
      const upTo = Math.min(to, c.sample + c.length);
      for (const k of emitPlanar(c.planes, c.length, c.sample, from, upTo, channel, upTo - from)) out.set(k.samples, k.frame - outStart);
      if (upTo >= to) return true;
      from = upTo;
    }
    let { dec, resumeAt } = await this.take(from);
    let parkAt: number | null = resumeAt;
    try {
      let span = await this.index.locate(resumeAt ?? from, to);
      if (span.endByte - span.starts[0] > maxBytes) return false;
      parkAt = null;
      if (resumeAt !== null && span.sample !== resumeAt) {
        // A parked decoder must continue exactly where it stopped. The index always knows the frame
        // there, unless the file is damaged at that point: then start afresh (and report the damage).
        this.drop(dec);
        ({ dec, resumeAt } = await this.take(Number.NEGATIVE_INFINITY));
        span = await this.index.locate(from, to);
      }
      const first = span.starts[0];
      const bytes = new Uint8Array(span.endByte - first);
      const { bytesRead } = await this.fh.read(bytes, 0, bytes.length, first);
      const cuts = [...span.starts.map((b) => b - first), bytesRead];
      const frames = span.starts.map((_, i) => bytes.subarray(cuts[i], cuts[i + 1]));
      const r = await dec.decodeFrames(frames);
      if (r.errors.length) throw this.broken(`the FLAC decoder failed (${r.errors[0].message})`, span.sample, first);
      this.rescale(r.channelData, r.samplesDecoded);
      for (const c of emitPlanar(r.channelData, r.samplesDecoded, span.sample, from, to, channel, to - from)) {
        out.set(c.samples, c.frame - outStart);
      }
      const pos = span.sample + r.samplesDecoded;
      if (pos < to) {
        throw this.broken(`decoding stopped after ${pos} of ${this.info.totalSamples} samples`, pos, first + bytesRead);
      }
      parkAt = pos;
      if (r.samplesDecoded <= CACHE_FRAMES) this.cache = { sample: span.sample, length: r.samplesDecoded, planes: r.channelData };
      return true;
    } finally {
      if (parkAt === null) this.drop(dec);
      else this.park(dec, parkAt);
    }
  }

  close(): void {
    this.closed = true;
    this.parked = null;
    this.cache = null;
    for (const d of this.live) d.free();
    this.live.clear();
  }
}
