import { columnsAtLevel, TILE_COLUMNS } from '../../../shared/spectrogram';
import type { AudioSource } from '../source';
import { ColumnComputer, maxInto } from './columns';

// Turning samples into tile bytes (geometry in src/shared/spectrogram.ts): base column k is the frame
// centred on sample k * hop, zero-padded outside the file. The streaming pass and on-demand tiles call
// the same ColumnComputer on the same samples, so a level-0 tile is byte-identical either way.

export interface Geometry {
  fftSize: number;
  hop: number;
  bins: number;
  /** Base (level 0) columns. */
  columns: number;
  totalFrames: number;
}

/** Coarse on-demand tiles look at this many evenly spaced base columns per coarse column. */
export const APPROX_PROBES = 4;
/** Above this many frames a tile reads frame by frame instead of in one read (bounded memory). */
const MAX_CONTIGUOUS_READ = 1 << 20;

/**
 * Streams base columns [c0, c1) in blocks of `blockColumns` (the last may be shorter). `onBlock` gets a
 * reused buffer: it must copy or write it out before returning.
 */
export async function streamColumns(
  source: AudioSource,
  g: Geometry,
  c0: number,
  c1: number,
  blockColumns: number,
  onBlock: (firstColumn: number, bytes: Uint8Array, count: number) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (c1 <= c0) return;
  const computer = new ColumnComputer(g.fftSize);
  const { hop, bins } = g;
  const half = g.fftSize / 2;
  const firstFrame = c0 * hop - half;
  const endFrame = (c1 - 1) * hop + half;
  const cap = blockColumns * hop + g.fftSize;
  const buf = new Float32Array(cap);
  const block = new Uint8Array(blockColumns * bins);
  let bufStart = firstFrame; // frame index of buf[0]
  let fill = 0;
  let nextCol = c0;
  let blockFirst = c0;
  let blockCount = 0;

  const flush = async () => {
    if (blockCount) await onBlock(blockFirst, block, blockCount);
    blockFirst = nextCol;
    blockCount = 0;
  };
  const computeReady = async () => {
    while (nextCol < c1 && nextCol * hop + half <= bufStart + fill) {
      computer.column(buf, nextCol * hop - half - bufStart, block, blockCount * bins);
      nextCol++;
      if (++blockCount === blockColumns) await flush();
    }
  };
  /** Appends samples (or zeros when `from` is null) and computes every column that became complete. */
  const append = async (from: Float32Array | null, offset: number, count: number) => {
    while (count > 0) {
      if (fill === cap) {
        const keep = nextCol * hop - half - bufStart;
        buf.copyWithin(0, keep, fill);
        bufStart += keep;
        fill -= keep;
      }
      const n = Math.min(count, cap - fill);
      if (from) buf.set(from.subarray(offset, offset + n), fill);
      else buf.fill(0, fill, fill + n);
      fill += n;
      offset += n;
      count -= n;
      await computeReady();
    }
  };

  if (firstFrame < 0) await append(null, 0, Math.min(-firstFrame, endFrame - firstFrame));
  const streamEnd = Math.min(g.totalFrames, endFrame);
  if (streamEnd > Math.max(0, firstFrame)) {
    for await (const chunk of source.stream({ startFrame: Math.max(0, firstFrame), endFrame: streamEnd, channel: 'mix', signal })) {
      const at = bufStart + fill; // next frame expected
      if (chunk.frame > at) await append(null, 0, Math.min(chunk.frame, streamEnd) - at);
      const skip = Math.max(0, bufStart + fill - chunk.frame);
      const n = Math.min(chunk.samples.length, streamEnd - chunk.frame) - skip;
      if (n > 0) await append(chunk.samples, skip, n);
      if (bufStart + fill >= streamEnd) break;
    }
  }
  // Zero padding after the end of the file (or after a stream that ended early).
  const missing = endFrame - (bufStart + fill);
  if (missing > 0) await append(null, 0, missing);
  await computeReady();
  await flush();
}

/** Range of base columns a tile covers, clamped to the file. */
export function tileBaseRange(g: Geometry, level: number, index: number): { first: number; count: number } {
  const levelCols = columnsAtLevel(g.columns, level);
  const first = index * TILE_COLUMNS;
  return { first, count: Math.max(0, Math.min(TILE_COLUMNS, levelCols - first)) };
}

/**
 * A tile computed straight from the audio: exact at level 0 and wherever a coarse column spans at most
 * APPROX_PROBES base columns; otherwise the max over APPROX_PROBES evenly spaced base columns (an
 * approximation a click between probes can escape; the finished pass replaces it).
 */
export async function computeTile(source: AudioSource, g: Geometry, level: number, index: number): Promise<Uint8Array> {
  const { first, count } = tileBaseRange(g, level, index);
  const { hop, bins } = g;
  const half = g.fftSize / 2;
  const out = new Uint8Array(count * bins);
  if (count === 0) return out;
  const span = 2 ** level;
  const computer = new ColumnComputer(g.fftSize);
  const scratch = new Uint8Array(bins);

  // Base columns to compute, per tile column, in increasing order.
  const probes: number[][] = [];
  for (let c = 0; c < count; c++) {
    const b0 = (first + c) * span;
    const b1 = Math.min(b0 + span, g.columns);
    const n = b1 - b0;
    const list: number[] = [];
    if (n <= APPROX_PROBES) for (let b = b0; b < b1; b++) list.push(b);
    else for (let i = 0; i < APPROX_PROBES; i++) list.push(b0 + Math.floor(((i + 0.5) * n) / APPROX_PROBES));
    probes.push(list);
  }
  const lo = probes[0][0];
  const hi = probes[count - 1].at(-1)!;
  const contiguousFrames = (hi - lo) * hop + g.fftSize;

  if (contiguousFrames <= MAX_CONTIGUOUS_READ) {
    const samples = await source.read(lo * hop - half, hi * hop + half, 'mix');
    for (let c = 0; c < count; c++) {
      for (const [i, b] of probes[c].entries()) {
        if (i === 0) computer.column(samples, (b - lo) * hop, out, c * bins);
        else {
          computer.column(samples, (b - lo) * hop, scratch, 0);
          maxInto(out, c * bins, scratch, 0, bins);
        }
      }
    }
    return out;
  }
  // Sequential reads: a decoder-backed source (FLAC) need not support concurrent reads.
  for (let c = 0; c < count; c++) {
    for (const [i, b] of probes[c].entries()) {
      const frame = await source.read(b * hop - half, b * hop + half, 'mix');
      if (i === 0) computer.column(frame, 0, out, c * bins);
      else {
        computer.column(frame, 0, scratch, 0);
        maxInto(out, c * bins, scratch, 0, bins);
      }
    }
  }
  return out;
}
