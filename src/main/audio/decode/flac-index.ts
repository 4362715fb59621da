import type { FileHandle } from 'node:fs/promises';
import { FrameScanner, frameHeaderAt, type FlacHeader, type SeekPoint } from './flac-frames';

// Byte-offset -> sample index of a FLAC file, grown by every decode pass and, when a read jumps past
// what is known, by a scan of frame headers alone (no decoding: I/O bound, ~10x faster than decoding).
// Every point is a chain-verified frame start, so decoding from it yields exactly that sample first.

const SCAN_BYTES = 1 << 20;
/** Frames kept from the latest scan (about 3 minutes of 48 kHz audio at 4096-sample frames). */
const RUN_MAX = 2048;

interface Run {
  bytes: number[];
  samples: number[];
  /** The scan reached the end of the file: no frame follows the last one. */
  toEof: boolean;
}

function spanOf(r: Run, i: number, j: number, fileSize: number): Span {
  return { starts: r.bytes.slice(i, j), sample: r.samples[i], endByte: j < r.bytes.length ? r.bytes[j] : fileSize };
}

/** Index in the run of the last frame starting at or before `sample` (the run starts at or before it). */
function lastAtOrBefore(r: Run, sample: number): number {
  const s = r.samples;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid] <= sample) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

export interface Span {
  starts: number[];
  sample: number;
  endByte: number;
}

export class FlacIndex {
  /** Sorted by sample; always starts with the first frame. */
  private points: SeekPoint[];
  /** The furthest frame start known (points are thinned, the frontier is not). */
  private frontier: SeekPoint;
  private readonly spacing: number;
  private pendingSeekTable: SeekPoint[];
  /** Every frame of the latest contiguous scan, for locate(). */
  private run: Run = { bytes: [], samples: [], toEof: false };

  constructor(
    private readonly header: FlacHeader,
    private readonly fh: FileHandle,
    private readonly fileSize: number,
  ) {
    this.points = [{ byte: header.audioStart, sample: 0 }];
    this.frontier = this.points[0];
    // About one point per second of audio, and never closer than a few frames.
    this.spacing = Math.max(header.streamInfo.sampleRate, header.streamInfo.maxBlockSize * 4);
    this.pendingSeekTable = header.seekPoints.filter((p) => p.sample > 0 && p.byte < fileSize);
  }

  get size(): number {
    return this.points.length;
  }

  /** Records a verified frame start. */
  add(byte: number, sample: number): void {
    if (sample > this.frontier.sample) this.frontier = { byte, sample };
    const pts = this.points;
    const i = this.upperBound(sample); // first point with .sample > sample
    const prev = pts[i - 1];
    const next = pts[i];
    if (prev && sample - prev.sample < this.spacing) return;
    if (next && next.sample - sample < this.spacing) return;
    pts.splice(i, 0, { byte, sample });
  }

  /** A scanner that feeds this index, for a pass that starts at `from`. */
  scanner(from: SeekPoint, also?: (byte: number, sample: number) => void): FrameScanner {
    return new FrameScanner(this.header.streamInfo, from.byte, from.sample, (b, s) => {
      this.add(b, s);
      also?.(b, s);
    });
  }

  private upperBound(sample: number): number {
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.points[mid].sample <= sample) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The best known frame start at or before `sample`, scanning ahead (without decoding) if needed. */
  async seekPoint(sample: number): Promise<SeekPoint> {
    await this.trySeekTable(sample);
    if (sample - this.frontier.sample > this.spacing) await this.scanTo(sample);
    return this.known(sample);
  }

  /** The closest known frame start at or before `sample`. */
  private known(sample: number): SeekPoint {
    const best = this.points[Math.max(0, this.upperBound(sample) - 1)];
    // The frontier may be closer than the thinned points.
    return this.frontier.sample <= sample && this.frontier.sample > best.sample ? this.frontier : best;
  }

  /** Adopts the encoder's SEEKTABLE entry nearest below `sample`, once its frame header checks out. */
  private async trySeekTable(sample: number): Promise<void> {
    let cand: SeekPoint | undefined;
    for (const p of this.pendingSeekTable) if (p.sample <= sample && (!cand || p.sample > cand.sample)) cand = p;
    if (!cand || cand.sample - this.known(sample).sample < this.spacing) return;
    this.pendingSeekTable = this.pendingSeekTable.filter((p) => p !== cand);
    const buf = new Uint8Array(32);
    const { bytesRead } = await this.fh.read(buf, 0, 32, cand.byte);
    const h = frameHeaderAt(buf.subarray(0, bytesRead), 0, this.header.streamInfo);
    if (h && h.sample === cand.sample) this.add(cand.byte, cand.sample);
  }

  /**
   * The frames that hold samples [from, to): their start bytes (consecutive, chain-verified), the
   * first one's sample index, and where the last one ends (the next frame's start, or the file size).
   * Header scanning only, from the nearest known point, so a small read touches a frame or two.
   * Every frame of the latest scan is kept (`run`), so reads moving forward through a file, as
   * spectrogram tiles do, mostly need no scanning at all.
   */
  async locate(from: number, to: number): Promise<Span> {
    const cached = this.fromRun(this.run, from, to);
    if (cached) return cached;
    let point = await this.seekPoint(from);
    const run = this.run;
    const last = run.samples.length - 1;
    if (last >= 0 && run.samples[last] <= from && run.samples[last] > point.sample) {
      point = { byte: run.bytes[last], sample: run.samples[last] }; // extend the run
    } else {
      this.run = { bytes: [point.byte], samples: [point.sample], toEof: false };
    }
    const r = this.run;
    const sc = new FrameScanner(this.header.streamInfo, point.byte, point.sample, (b, s) => {
      this.add(b, s);
      if (s <= r.samples[r.samples.length - 1]) return;
      r.bytes.push(b);
      r.samples.push(s);
    });
    const step = 64 << 10;
    for (let pos = point.byte; pos < this.fileSize && r.samples[r.samples.length - 1] < to; pos += step) {
      const buf = new Uint8Array(Math.min(step, this.fileSize - pos));
      const { bytesRead } = await this.fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const final = pos + bytesRead >= this.fileSize;
      sc.push(buf.subarray(0, bytesRead), final);
      if (final) r.toEof = true;
    }
    const span = this.fromRun(r, from, to);
    if (r.samples.length > RUN_MAX && this.run === r) {
      // A new object, not an in-place trim: a concurrent locate() may still be reading `r`.
      const keep = RUN_MAX / 2;
      this.run = { bytes: r.bytes.slice(-keep), samples: r.samples.slice(-keep), toEof: r.toEof };
    }
    // The run always starts at or before `from`; without a frame at or past `to` the range runs to EOF.
    return span ?? spanOf(r, lastAtOrBefore(r, from), r.samples.length, this.fileSize);
  }

  private fromRun(r: Run, from: number, to: number): Span | null {
    if (!r.samples.length || r.samples[0] > from) return null;
    const i = lastAtOrBefore(r, from);
    let j = i + 1;
    while (j < r.samples.length && r.samples[j] < to) j++;
    if (j === r.samples.length && !r.toEof) return null;
    return spanOf(r, i, j, this.fileSize);
  }

  private async scanTo(sample: number): Promise<void> {
    const start = this.frontier;
    const sc = this.scanner(start);
    for (let pos = start.byte; pos < this.fileSize && sc.nextSample <= sample; pos += SCAN_BYTES) {
      const buf = new Uint8Array(Math.min(SCAN_BYTES, this.fileSize - pos));
      const { bytesRead } = await this.fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      sc.push(buf.subarray(0, bytesRead), pos + bytesRead >= this.fileSize);
    }
  }
}
