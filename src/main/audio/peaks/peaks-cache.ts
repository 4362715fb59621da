import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PeaksLayout } from './peaks';

// Peaks live in the recording's cache folder (keyed by fingerprint, so a moved file keeps them):
// peaks.f32 is written first, then peaks.json names its layout; without peaks.json nothing is trusted.

const VERSION = 1;

interface PeaksMeta {
  version: number;
  samples_per_bucket: number;
  buckets: number;
}

export async function readCachedPeaks(dir: string, layout: PeaksLayout): Promise<Float32Array | null> {
  try {
    const meta = JSON.parse(await readFile(join(dir, 'peaks.json'), 'utf8')) as PeaksMeta;
    if (meta.version !== VERSION || meta.samples_per_bucket !== layout.samplesPerBucket || meta.buckets !== layout.buckets) return null;
    const bytes = await readFile(join(dir, 'peaks.f32'));
    if (bytes.length !== layout.buckets * 4) return null;
    const out = new Float32Array(layout.buckets);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  } catch {
    return null;
  }
}

export async function writeCachedPeaks(dir: string, layout: PeaksLayout, peaks: Float32Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `peaks.f32.${process.pid}.tmp`);
  await writeFile(tmp, new Uint8Array(peaks.buffer, peaks.byteOffset, peaks.byteLength));
  await rename(tmp, join(dir, 'peaks.f32'));
  const meta: PeaksMeta = { version: VERSION, samples_per_bucket: layout.samplesPerBucket, buckets: layout.buckets };
  await writeFile(join(dir, 'peaks.json.tmp'), JSON.stringify(meta));
  await rename(join(dir, 'peaks.json.tmp'), join(dir, 'peaks.json'));
}
