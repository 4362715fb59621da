import speexFactory, { type SpeexModule } from '@echogarden/speex-resampler-wasm/simd';
import { EarmarkError } from '../../shared/errors';

// Streaming resampling to the model's rate with the SpeexDSP resampler (wasm, SIMD build). It keeps
// the filter state across chunks, so a file resampled chunk by chunk gives the same samples as in one
// piece, in bounded memory. skip_zeros() removes the filter delay (an impulse at t stays at t), and
// finish() feeds silence until every output sample of the file has come out.
//
// Why Speex and not libsamplerate (@alexanderolsen/libsamplerate-js, tried first): at quality 5 Speex
// is flat to 7 kHz and rejects > 120 dB above 9 kHz for 48 -> 16 kHz, at 0.6 ms CPU per second of
// audio; libsamplerate's fastest sinc took 6.2 ms, half the demo classifier's own cost, and the
// resampler runs beside the inference workers on the same cores (bench/inference.ts).

const QUALITY = 5;

let modulePromise: Promise<SpeexModule> | null = null;
/** One wasm instance per thread; every resampler is a state inside it. */
const speex = () => (modulePromise ??= speexFactory());

export class StreamResampler {
  private produced = 0;
  private consumed = 0;
  private inPtr = 0;
  private outPtr = 0;
  private capacity = 0;
  private lens = 0;

  private constructor(
    readonly inRate: number,
    readonly outRate: number,
    private m: SpeexModule | null,
    private state: number,
  ) {
    if (m) this.lens = m._malloc(8);
  }

  static async create(inRate: number, outRate: number): Promise<StreamResampler> {
    if (inRate === outRate) return new StreamResampler(inRate, outRate, null, 0);
    const m = await speex();
    const err = m._malloc(4);
    const state = m._speex_resampler_init(1, inRate, outRate, QUALITY, err);
    const code = m.HEAPU32[err >> 2];
    m._free(err);
    if (!state || code) throw new EarmarkError('INTERNAL', `the resampler could not convert ${inRate} Hz to ${outRate} Hz (speex error ${code})`);
    m._speex_resampler_skip_zeros(state);
    return new StreamResampler(inRate, outRate, m, state);
  }

  get consumedFrames(): number {
    return this.consumed;
  }

  /** How many output samples `inputFrames` input frames make: every t = j / outRate < duration. */
  outputLength(inputFrames: number): number {
    return Math.ceil((inputFrames * this.outRate) / this.inRate - 1e-9);
  }

  push(chunk: Float32Array): Float32Array {
    this.consumed += chunk.length;
    const out = this.process(chunk);
    this.produced += out.length;
    return out;
  }

  /** The rest of the output, so that the total is exactly outputLength(all input). */
  finish(): Float32Array {
    const want = this.outputLength(this.consumed);
    if (!this.m || this.produced >= want) return new Float32Array(0);
    const tail = new Float32Array(want - this.produced);
    const silence = new Float32Array(1024);
    let at = 0;
    for (let i = 0; i < 1000 && at < tail.length; i++) {
      const out = this.process(silence);
      const n = Math.min(out.length, tail.length - at);
      tail.set(out.subarray(0, n), at);
      at += n;
    }
    this.produced = want;
    return tail;
  }

  close(): void {
    const m = this.m;
    if (!m) return;
    m._speex_resampler_destroy(this.state);
    if (this.capacity) {
      m._free(this.inPtr);
      m._free(this.outPtr);
    }
    m._free(this.lens);
    this.m = null;
  }

  private process(chunk: Float32Array): Float32Array {
    const m = this.m;
    if (!m) return chunk;
    const maxOut = Math.ceil((chunk.length * this.outRate) / this.inRate) + 64;
    this.reserve(Math.max(chunk.length, maxOut));
    const out = new Float32Array(maxOut + 64);
    let inDone = 0;
    let outDone = 0;
    // Speex may stop early when its output space runs out; loop until the chunk is consumed.
    while (inDone < chunk.length) {
      const n = chunk.length - inDone;
      m.HEAPF32.set(chunk.subarray(inDone), this.inPtr >> 2); // the heap view is re-read: memory may grow
      m.HEAPU32[this.lens >> 2] = n;
      m.HEAPU32[(this.lens >> 2) + 1] = this.capacity;
      m._speex_resampler_process_float(this.state, 0, this.inPtr, this.lens, this.outPtr, this.lens + 4);
      const used = m.HEAPU32[this.lens >> 2];
      const made = m.HEAPU32[(this.lens >> 2) + 1];
      if (outDone + made > out.length) throw new EarmarkError('INTERNAL', 'the resampler produced more samples than expected');
      out.set(m.HEAPF32.subarray(this.outPtr >> 2, (this.outPtr >> 2) + made), outDone);
      inDone += used;
      outDone += made;
      if (used === 0 && made === 0) break;
    }
    return out.subarray(0, outDone);
  }

  private reserve(samples: number): void {
    const m = this.m!;
    if (samples <= this.capacity) return;
    if (this.capacity) {
      m._free(this.inPtr);
      m._free(this.outPtr);
    }
    this.capacity = Math.max(samples, 16384);
    this.inPtr = m._malloc(this.capacity * 4);
    this.outPtr = m._malloc(this.capacity * 4);
  }
}
