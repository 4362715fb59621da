import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { ioError } from './decode/io-error';

// Content fingerprint used to find a recording again after it moves (DESIGN.md "Storage").
// Hashing whole multi-GB files on import would take minutes, so v1 hashes the size plus the first
// and last MiB: recorders write headers (with timestamps and serials) at the start and distinct audio
// throughout, so two different recordings practically never share all three.
// Bump the 'v1:' prefix if the recipe changes, so old and new fingerprints never compare equal.

const MIB = 1 << 20;

async function readFully(fh: FileHandle, position: number, length: number, path: string): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) throw ioError(path, new Error(`the file shrank while it was being read (at byte ${position + done})`));
    done += bytesRead;
  }
  return buf;
}

/**
 * `v1:` + sha256 hex over: the decimal size, a newline, then the first MiB and the last MiB (files of
 * 2 MiB or less are hashed whole, once). Pass an open handle to avoid reopening the file.
 */
export async function fingerprint(path: string, size: number, handle?: FileHandle): Promise<string> {
  let fh: FileHandle;
  try {
    fh = handle ?? (await open(path, 'r'));
  } catch (e) {
    throw ioError(path, e);
  }
  try {
    const hash = createHash('sha256');
    hash.update(`${size}\n`);
    if (size <= 2 * MIB) {
      hash.update(await readFully(fh, 0, size, path));
    } else {
      hash.update(await readFully(fh, 0, MIB, path));
      hash.update(await readFully(fh, size - MIB, MIB, path));
    }
    return `v1:${hash.digest('hex')}`;
  } catch (e) {
    throw ioError(path, e);
  } finally {
    if (!handle) await fh.close();
  }
}
