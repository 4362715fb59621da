// A least-recently-used map capped by total bytes: on-demand tiles (approximate coarse tiles, other FFT
// sizes) are cheap to recompute but must not grow without bound on a 10-hour or 384 kHz recording.

export class ByteLru<V extends { byteLength: number }> {
  private readonly map = new Map<string, V>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    const old = this.map.get(key);
    if (old !== undefined) {
      this.bytes -= old.byteLength;
      this.map.delete(key);
    }
    if (value.byteLength > this.maxBytes) return;
    this.map.set(key, value);
    this.bytes += value.byteLength;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= v.byteLength;
    }
  }

  get totalBytes(): number {
    return this.bytes;
  }
}
