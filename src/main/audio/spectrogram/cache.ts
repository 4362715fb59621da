import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EarmarkError } from '../../../shared/errors';
import { columnsAtLevel, TILE_COLUMNS } from '../../../shared/spectrogram';
import type { Geometry } from './compute';

// On-disk layout (keyed by fingerprint, so moving a recording keeps its cache):
//   <cacheDir>/<fingerprint-safe>/peaks.f32 + peaks.json
//   <cacheDir>/<fingerprint-safe>/fft<N>/L0.bin ... L<levels-1>.bin   columns * bins bytes, column-major
//   <cacheDir>/<fingerprint-safe>/fft<N>/state.json                   written last: the pass finished
// An interrupted pass leaves level files without state.json, which are never read.

const STATE_VERSION = 1;

export interface PassState {
  version: number;
  fft_size: number;
  total_frames: number;
  columns: number;
  bins: number;
  levels: number;
  finished_at: string;
}

export function recordingCacheDir(cacheDir: string, fingerprint: string): string {
  const safe = fingerprint.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 128) || 'unknown';
  return join(cacheDir, safe);
}

export function fftDir(recordingDir: string, fftSize: number): string {
  return join(recordingDir, `fft${fftSize}`);
}

export function levelFile(dir: string, level: number): string {
  return join(dir, `L${level}.bin`);
}

/** True when a finished pass with this exact geometry is on disk, level files included. */
export async function hasFinishedPass(dir: string, g: Geometry, levels: number): Promise<boolean> {
  try {
    const s = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as PassState;
    if (s.version !== STATE_VERSION || s.fft_size !== g.fftSize || s.total_frames !== g.totalFrames) return false;
    if (s.columns !== g.columns || s.bins !== g.bins || s.levels !== levels) return false;
    for (let l = 0; l < levels; l++) {
      if ((await stat(levelFile(dir, l))).size !== columnsAtLevel(g.columns, l) * g.bins) return false;
    }
    return true;
  } catch {
    return false;
  }
}

export async function writePassState(dir: string, g: Geometry, levels: number): Promise<void> {
  const state: PassState = {
    version: STATE_VERSION,
    fft_size: g.fftSize,
    total_frames: g.totalFrames,
    columns: g.columns,
    bins: g.bins,
    levels,
    finished_at: new Date().toISOString(),
  };
  const tmp = join(dir, 'state.json.tmp');
  await writeFile(tmp, JSON.stringify(state));
  await rename(tmp, join(dir, 'state.json'));
}

/** Forgets a finished pass before rewriting its files (so a crash mid-rewrite is not trusted). */
export async function clearPassState(dir: string): Promise<void> {
  await rm(join(dir, 'state.json'), { force: true });
}

/** Creates (or resizes) a level file to its full size, so workers can write their ranges in place. */
export async function allocateLevelFile(dir: string, level: number, g: Geometry): Promise<void> {
  const fh = await open(levelFile(dir, level), 'w');
  try {
    await fh.truncate(columnsAtLevel(g.columns, level) * g.bins);
  } finally {
    await fh.close();
  }
}

/** One tile read from a level file by a positional read (~1 ms). */
export async function readTileFromDisk(dir: string, g: Geometry, level: number, index: number): Promise<Uint8Array> {
  const cols = columnsAtLevel(g.columns, level);
  const first = index * TILE_COLUMNS;
  const count = Math.max(0, Math.min(TILE_COLUMNS, cols - first));
  const out = new Uint8Array(count * g.bins);
  const file = levelFile(dir, level);
  const fh = await open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new EarmarkError('IO', `The spectrogram cache file ${file} could not be opened: ${e.message}`);
  });
  try {
    const { bytesRead } = await fh.read(out, 0, out.length, first * g.bins);
    if (bytesRead !== out.length) throw new EarmarkError('IO', `The spectrogram cache file ${file} is shorter than expected`);
  } finally {
    await fh.close();
  }
  return out;
}
