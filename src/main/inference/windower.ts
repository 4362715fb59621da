// Cuts a stream of samples at the model's rate into windows at exact hop positions (issue 3): window k
// starts at sample round(k × hop_s × rate), so a fractional hop never drifts; the last window that
// reaches the end of the file is zero-padded and kept, and no window after it is made (it would add no
// audio). Each window is handed out as its own copy of the samples.

export interface WindowView {
  index: number;
  startSample: number;
  samples: Float32Array;
}

export class Windower {
  private buf: Float32Array;
  /** Absolute index of buf[0]. */
  private bufStart = 0;
  private len = 0;
  private next: number;
  /** Samples before the first wanted window (a resumed run) are dropped as they arrive. */
  private skip: number;
  private seen = 0;

  constructor(
    readonly windowSamples: number,
    readonly hopS: number,
    readonly sampleRate: number,
    firstWindow = 0,
  ) {
    this.buf = new Float32Array(Math.max(windowSamples * 2, 65536));
    this.next = firstWindow;
    this.bufStart = this.startOf(firstWindow);
    this.skip = this.bufStart;
  }

  startOf(k: number): number {
    return Math.round(k * this.hopS * this.sampleRate);
  }

  /** Appends samples and returns the windows they complete, in order. */
  push(samples: Float32Array): WindowView[] {
    let s = samples;
    const absStart = this.seen;
    this.seen += s.length;
    if (absStart < this.skip) {
      const drop = Math.min(s.length, this.skip - absStart);
      s = s.subarray(drop);
    }
    if (s.length) this.append(s);
    const out: WindowView[] = [];
    for (;;) {
      const start = this.startOf(this.next);
      const end = start + this.windowSamples;
      if (end > this.bufStart + this.len) break;
      out.push({ index: this.next, startSample: start, samples: this.buf.slice(start - this.bufStart, end - this.bufStart) });
      this.next++;
    }
    this.compact();
    return out;
  }

  /** Window k exists when it is the first of a non-empty stream, or window k-1 ends before the end. */
  exists(k: number, total: number): boolean {
    if (total <= 0) return false;
    return k === 0 || this.startOf(k - 1) + this.windowSamples < total;
  }

  /** How many windows a stream of `total` samples has. */
  count(total: number): number {
    if (total <= 0) return 0;
    let k = Math.max(1, Math.floor((total - this.windowSamples) / (this.hopS * this.sampleRate)));
    while (k > 0 && !this.exists(k - 1, total)) k--;
    while (this.exists(k, total)) k++;
    return k;
  }

  /** The windows left once the stream has ended after `total` samples; the last is zero-padded. */
  finish(total: number): WindowView[] {
    const out: WindowView[] = [];
    while (this.exists(this.next, total)) {
      const start = this.startOf(this.next);
      const w = new Float32Array(this.windowSamples);
      const from = start - this.bufStart;
      const avail = Math.max(0, Math.min(this.windowSamples, this.len - from));
      if (avail > 0) w.set(this.buf.subarray(from, from + avail));
      out.push({ index: this.next, startSample: start, samples: w });
      this.next++;
    }
    return out;
  }

  private append(s: Float32Array): void {
    if (this.len + s.length > this.buf.length) {
      this.compact();
      if (this.len + s.length > this.buf.length) {
        const bigger = new Float32Array(Math.max(this.buf.length * 2, this.len + s.length));
        bigger.set(this.buf.subarray(0, this.len));
        this.buf = bigger;
      }
    }
    this.buf.set(s, this.len);
    this.len += s.length;
  }

  /** Drops samples no future window needs. */
  private compact(): void {
    const keepFrom = this.startOf(this.next);
    const drop = Math.min(this.len, keepFrom - this.bufStart);
    if (drop <= 0) return;
    this.buf.copyWithin(0, drop, this.len);
    this.len -= drop;
    this.bufStart += drop;
  }
}
