import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint';

const dir = mkdtempSync(join(tmpdir(), 'earmark-fp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MIB = 1 << 20;

function bytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    b[i] = s >>> 24;
  }
  return b;
}

describe('fingerprint', () => {
  it('hashes the size, the first MiB and the last MiB of a large file', async () => {
    const data = bytes(3 * MIB + 17, 1);
    const path = join(dir, 'big.bin');
    writeFileSync(path, data);
    const expected = createHash('sha256').update(`${data.length}\n`).update(data.subarray(0, MIB)).update(data.subarray(data.length - MIB)).digest('hex');
    expect(await fingerprint(path, data.length)).toBe(`v1:${expected}`);

    // A change in the last MiB changes it; one in the unhashed middle does not (the documented trade-off).
    const tail = Buffer.from(data);
    tail[tail.length - 5] ^= 1;
    writeFileSync(join(dir, 'tail.bin'), tail);
    expect(await fingerprint(join(dir, 'tail.bin'), tail.length)).not.toBe(`v1:${expected}`);
    const middle = Buffer.from(data);
    middle[MIB + 100] ^= 1;
    writeFileSync(join(dir, 'middle.bin'), middle);
    expect(await fingerprint(join(dir, 'middle.bin'), middle.length)).toBe(`v1:${expected}`);
  });

  it('hashes small files whole and includes the size', async () => {
    const data = bytes(1000, 2);
    writeFileSync(join(dir, 'small.bin'), data);
    const expected = createHash('sha256').update('1000\n').update(data).digest('hex');
    expect(await fingerprint(join(dir, 'small.bin'), 1000)).toBe(`v1:${expected}`);
    writeFileSync(join(dir, 'empty.bin'), '');
    expect(await fingerprint(join(dir, 'empty.bin'), 0)).toBe(`v1:${createHash('sha256').update('0\n').digest('hex')}`);
  });

  it('fails with an IO error naming a missing file', async () => {
    await expect(fingerprint(join(dir, 'gone.bin'), 10)).rejects.toThrow(/gone\.bin: the file does not exist/);
  });
});
