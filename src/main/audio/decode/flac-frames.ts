// FLAC stream structure (https://www.rfc-editor.org/rfc/rfc9639): the metadata blocks we need and a
// frame-header recogniser. The wasm decoder does not report sample positions (LONG-RECORDINGS.md
// "Traps"), but every frame header carries its frame or sample number, so recognising headers in the
// raw bytes gives an exact byte-offset -> sample index for seeking, with or without a SEEKTABLE.

export interface StreamInfo {
  minBlockSize: number;
  maxBlockSize: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 0 when the encoder did not know it (streamed encodes). */
  totalSamples: number;
}

export interface SeekPoint {
  sample: number;
  /** Absolute byte offset of the frame in the file. */
  byte: number;
}

export interface FlacHeader {
  streamInfo: StreamInfo;
  /** Absolute offset of the first audio frame. */
  audioStart: number;
  /** The "fLaC" marker's offset (non-zero when an ID3v2 tag precedes it). */
  markerOffset: number;
  seekPoints: SeekPoint[];
}

/** Parses "fLaC" + metadata blocks from `buf`, which must hold them all; null when more bytes are needed. */
export function parseFlacHeader(buf: Uint8Array, markerOffset: number): FlacHeader | null | 'bad' {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.length < markerOffset + 4) return null;
  if (String.fromCharCode(...buf.subarray(markerOffset, markerOffset + 4)) !== 'fLaC') return 'bad';
  let p = markerOffset + 4;
  let streamInfo: StreamInfo | null = null;
  const seekPoints: SeekPoint[] = [];
  const seekRaw: { sample: number; offset: number }[] = [];
  for (;;) {
    if (p + 4 > buf.length) return null;
    const h = buf[p];
    const type = h & 0x7f;
    const len = (buf[p + 1] << 16) | (buf[p + 2] << 8) | buf[p + 3];
    if (p + 4 + len > buf.length) return null;
    const b = p + 4;
    if (type === 0 && len >= 34) {
      const x = dv.getUint32(b + 10); // 20 bits rate, 3 bits channels-1, 5 bits bps-1, 4 high bits of total
      streamInfo = {
        minBlockSize: dv.getUint16(b),
        maxBlockSize: dv.getUint16(b + 2),
        sampleRate: x >>> 12,
        channels: ((x >>> 9) & 0x7) + 1,
        bitsPerSample: ((x >>> 4) & 0x1f) + 1,
        totalSamples: (x & 0xf) * 2 ** 32 + dv.getUint32(b + 14),
      };
    } else if (type === 3) {
      for (let q = b; q + 18 <= b + len; q += 18) {
        const sample = Number(dv.getBigUint64(q));
        if (sample === Number(0xffffffffffffffffn)) continue; // placeholder point
        seekRaw.push({ sample, offset: Number(dv.getBigUint64(q + 8)) });
      }
    } else if (type === 127) return 'bad';
    p = b + len;
    if (h & 0x80) break;
  }
  if (!streamInfo) return 'bad';
  for (const s of seekRaw) seekPoints.push({ sample: s.sample, byte: p + s.offset });
  return { streamInfo, audioStart: p, markerOffset, seekPoints };
}

const CRC8 = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
    t[i] = c;
  }
  return t;
})();

const SAMPLE_RATES = [0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000];
const SAMPLE_SIZES = [0, 8, 12, 0, 16, 20, 24, 32];

export interface FrameHeader {
  sample: number;
  blockSize: number;
}

/**
 * If a valid frame header starts at buf[i], returns its first sample and block size, else null.
 * Validity: sync code, no reserved values, rate/size/channels consistent with STREAMINFO, and a
 * matching CRC-8. Callers also demand continuity (see FrameScanner), which rules out the rare
 * look-alike inside compressed audio.
 */
export function frameHeaderAt(buf: Uint8Array, i: number, info: StreamInfo): FrameHeader | null {
  if (i + 6 > buf.length || buf[i] !== 0xff || (buf[i + 1] & 0xfe) !== 0xf8) return null;
  const variable = buf[i + 1] & 1;
  const bsCode = buf[i + 2] >> 4;
  const srCode = buf[i + 2] & 0xf;
  const chan = buf[i + 3] >> 4;
  const ssCode = (buf[i + 3] >> 1) & 7;
  if (bsCode === 0 || srCode === 15 || chan > 10 || ssCode === 3 || buf[i + 3] & 1) return null;
  if (srCode >= 1 && srCode <= 11 && SAMPLE_RATES[srCode] !== info.sampleRate) return null;
  if (ssCode !== 0 && SAMPLE_SIZES[ssCode] !== info.bitsPerSample) return null;
  if ((chan < 8 ? chan + 1 : 2) !== info.channels) return null;
  // UTF-8-like coded number (up to 36 bits, 7 bytes).
  let p = i + 4;
  const first = buf[p++];
  let n: number;
  let extra: number;
  if (first < 0x80) [n, extra] = [first, 0];
  else if ((first & 0xe0) === 0xc0) [n, extra] = [first & 0x1f, 1];
  else if ((first & 0xf0) === 0xe0) [n, extra] = [first & 0x0f, 2];
  else if ((first & 0xf8) === 0xf0) [n, extra] = [first & 0x07, 3];
  else if ((first & 0xfc) === 0xf8) [n, extra] = [first & 0x03, 4];
  else if ((first & 0xfe) === 0xfc) [n, extra] = [first & 0x01, 5];
  else if (first === 0xfe) [n, extra] = [0, 6];
  else return null;
  if (p + extra > buf.length) return null;
  for (let k = 0; k < extra; k++) {
    const c = buf[p++];
    if ((c & 0xc0) !== 0x80) return null;
    n = n * 64 + (c & 0x3f);
  }
  let blockSize: number;
  if (bsCode === 1) blockSize = 192;
  else if (bsCode <= 5) blockSize = 576 << (bsCode - 2);
  else if (bsCode === 6) blockSize = (buf[p++] ?? 0) + 1;
  else if (bsCode === 7) {
    blockSize = (((buf[p] ?? 0) << 8) | (buf[p + 1] ?? 0)) + 1;
    p += 2;
  } else blockSize = 256 << (bsCode - 8);
  if (srCode === 12) p += 1;
  else if (srCode === 13 || srCode === 14) p += 2;
  if (p >= buf.length) return null;
  let crc = 0;
  for (let k = i; k < p; k++) crc = CRC8[crc ^ buf[k]];
  if (crc !== buf[p]) return null;
  // Fixed-blocksize streams number frames; every frame but the last has the STREAMINFO block size.
  return { sample: variable ? n : n * info.maxBlockSize, blockSize };
}

const OVERLAP = 24; // longest frame header is 16 bytes; keep a margin across chunk edges

/**
 * Follows the chain of frame headers through consecutive byte chunks, starting from a frame start
 * whose sample index is known. A header counts only if its sample index is exactly where the previous
 * frame ended, so a look-alike byte pattern can never enter the index.
 */
export class FrameScanner {
  private carry: Uint8Array = new Uint8Array(0);
  private carryBase: number;
  private expect: number;

  constructor(
    private readonly info: StreamInfo,
    startByte: number,
    startSample: number,
    private readonly found: (byte: number, sample: number) => void,
  ) {
    this.carryBase = startByte;
    this.expect = startSample;
  }

  /** Feeds the bytes that follow everything fed so far; `final` when they end the file. */
  push(chunk: Uint8Array, final = false): void {
    const buf = new Uint8Array(this.carry.length + chunk.length);
    buf.set(this.carry, 0);
    buf.set(chunk, this.carry.length);
    const base = this.carryBase;
    // Frames of digital silence can be ~20 bytes, so the file's last headers may sit in the overlap.
    const limit = final ? buf.length : buf.length - OVERLAP;
    const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    let i = b.indexOf(0xff, 0);
    for (; i >= 0 && i < limit; i = b.indexOf(0xff, i + 1)) {
      const h = frameHeaderAt(buf, i, this.info);
      if (!h || h.sample !== this.expect) continue;
      this.found(base + i, h.sample);
      this.expect = h.sample + h.blockSize;
    }
    const keep = Math.max(0, limit);
    this.carry = buf.slice(keep);
    this.carryBase = base + keep;
  }

  /** The sample index where the last recognised frame ends. */
  get nextSample(): number {
    return this.expect;
  }
}
