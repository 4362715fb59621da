import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { StreamResampler } from '../../src/main/inference/resample';

// The labelled clips (../shared/data/clips, copied to resources/clips): parsing labels.csv, decoding
// FLAC to mono float32, and resampling with the app's own StreamResampler (src/main/inference/resample.ts), so
// training features see the same kind of band-limiting the app applies to recordings.

export const CLASSES = ['bird', 'dog', 'insect_frog', 'machine', 'music', 'noise', 'speech'] as const;
export type ClassName = (typeof CLASSES)[number];

export interface ClipRow {
  file: string;
  label: ClassName;
  duration_s: number;
  source_package: string;
  source_path: string;
  license: string;
}

export interface Clip extends ClipRow {
  /** Mono samples at `rate`. */
  samples: Float32Array;
  rate: number;
}

/** Minimal RFC 4180 line splitter: quoted fields may hold commas; doubled quotes are quotes. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(cur); cur = ''; }
    else cur += c;
  }
  out.push(cur);
  return out;
}

export function parseLabels(csv: string): ClipRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0]);
  return lines.slice(1).map((line) => {
    const f = splitCsvLine(line);
    const get = (k: string) => f[header.indexOf(k)] ?? '';
    const label = get('label') as ClassName;
    if (!CLASSES.includes(label)) throw new Error(`labels.csv: unknown label "${label}" for ${get('file')}`);
    return {
      file: get('file'),
      label,
      duration_s: Number(get('duration_s')),
      source_package: get('source_package'),
      source_path: get('source_path'),
      license: get('license'),
    };
  });
}

export async function decodeFlac(path: string): Promise<{ samples: Float32Array; rate: number }> {
  const decoder = new FLACDecoder();
  await decoder.ready;
  try {
    const r = await decoder.decodeFile(new Uint8Array(readFileSync(path)));
    if (r.samplesDecoded === 0) throw new Error(`${path}: no audio decoded`);
    const mono = new Float32Array(r.samplesDecoded);
    for (const ch of r.channelData) for (let i = 0; i < mono.length; i++) mono[i] += ch[i] / r.channelData.length;
    return { samples: mono, rate: r.sampleRate };
  } finally {
    decoder.free();
  }
}

export async function resample(x: Float32Array, from: number, to: number): Promise<Float32Array> {
  if (from === to) return x.slice();
  const r = await StreamResampler.create(from, to);
  try {
    const head = r.push(x);
    const tail = r.finish();
    const out = new Float32Array(head.length + tail.length);
    out.set(head, 0);
    out.set(tail, head.length);
    return out;
  } finally {
    r.close();
  }
}

/**
 * Loads every clip once. labels.csv lists dog/dog.flac twice (two source packages wrote the same
 * name and only one file survived): keep the row whose duration matches the decoded audio.
 */
export async function loadClips(dir: string, rate: number): Promise<Clip[]> {
  const rows = parseLabels(readFileSync(join(dir, 'labels.csv'), 'utf8'));
  const byFile = new Map<string, ClipRow[]>();
  for (const r of rows) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const clips: Clip[] = [];
  for (const [file, candidates] of byFile) {
    const audio = await decodeFlac(join(dir, file));
    const dur = audio.samples.length / audio.rate;
    const row = candidates.reduce((a, b) => (Math.abs(a.duration_s - dur) <= Math.abs(b.duration_s - dur) ? a : b));
    clips.push({ ...row, samples: await resample(audio.samples, audio.rate, rate), rate });
  }
  return clips;
}
