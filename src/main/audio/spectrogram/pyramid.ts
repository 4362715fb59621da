import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { columnsAtLevel } from '../../../shared/spectrogram';
import { levelFile } from './cache';

// Levels 1.. are built from the level below by a streaming per-bin max of column pairs (src/shared/
// spectrogram.ts): reading ~2x the level-0 bytes once, with two fixed buffers whatever the file length.

const BLOCK_COLUMNS = 4096; // output columns per step

export async function buildPyramid(
  dir: string,
  baseColumns: number,
  bins: number,
  levels: number,
  between: (levelDone: number) => Promise<void>,
): Promise<void> {
  const input = new Uint8Array(2 * BLOCK_COLUMNS * bins);
  const output = new Uint8Array(BLOCK_COLUMNS * bins);
  for (let level = 1; level < levels; level++) {
    const prevCols = columnsAtLevel(baseColumns, level - 1);
    const cols = columnsAtLevel(baseColumns, level);
    const src = openSync(levelFile(dir, level - 1), 'r');
    const dst = openSync(levelFile(dir, level), 'w');
    try {
      for (let c0 = 0; c0 < cols; c0 += BLOCK_COLUMNS) {
        const n = Math.min(BLOCK_COLUMNS, cols - c0);
        const inCols = Math.min(2 * n, prevCols - 2 * c0);
        const want = inCols * bins;
        let got = 0;
        while (got < want) {
          const r = readSync(src, input, got, want - got, 2 * c0 * bins + got);
          if (r === 0) throw new Error(`${levelFile(dir, level - 1)} ended early while building level ${level}`);
          got += r;
        }
        for (let c = 0; c < n; c++) {
          const a = 2 * c * bins;
          const o = c * bins;
          if (2 * c + 1 < inCols) {
            const b = a + bins;
            for (let k = 0; k < bins; k++) {
              const x = input[a + k];
              const y = input[b + k];
              output[o + k] = x > y ? x : y;
            }
          } else output.set(input.subarray(a, a + bins), o); // odd count: the last column stands alone
        }
        writeAll(dst, output, n * bins, c0 * bins);
        await between(level - 1 + (c0 + n) / cols);
      }
    } finally {
      closeSync(src);
      closeSync(dst);
    }
  }
}

export function writeAll(fd: number, bytes: Uint8Array, length: number, position: number): void {
  let done = 0;
  while (done < length) done += writeSync(fd, bytes, done, length - done, position + done);
}
