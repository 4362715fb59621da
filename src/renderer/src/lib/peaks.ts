import { fetchBytes } from './api';

/** The peaks endpoint serves little-endian float32 values, one max |x| per bucket. */
export function parsePeaks(buf: ArrayBuffer): Float32Array {
  const n = Math.floor(buf.byteLength / 4);
  const out = new Float32Array(n);
  const view = new DataView(buf);
  // DataView reads little-endian explicitly, whatever the machine's byte order.
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

export async function loadPeaks(url: string, signal?: AbortSignal): Promise<Float32Array> {
  return parsePeaks(await fetchBytes(url, signal));
}
