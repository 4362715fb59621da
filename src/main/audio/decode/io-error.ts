import { open, type FileHandle } from 'node:fs/promises';
import { EarmarkError } from '../../../shared/errors';

/** Turns a node:fs error into an IO error that says, in words, what the file system refused. */
export function ioError(path: string, e: unknown): EarmarkError {
  if (e instanceof EarmarkError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ENOENT'
      ? 'the file does not exist'
      : code === 'EISDIR'
        ? 'this is a folder, not an audio file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied: the file cannot be read'
          : code === 'EMFILE' || code === 'ENFILE'
            ? 'too many files are open at once'
            : `the file cannot be read (${code ?? (e as Error)?.message ?? String(e)})`;
  return new EarmarkError('IO', `${path}: ${why}`);
}

/**
 * Opens a file for positional reads and returns its size. Checks it is a regular file first: on Linux
 * open() succeeds on a folder and only the first read fails, with a less helpful message.
 */
export async function openFile(path: string): Promise<{ fh: FileHandle; size: number }> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw ioError(path, e);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new EarmarkError('IO', `${path}: this is a folder, not an audio file`);
    if (!st.isFile()) throw new EarmarkError('IO', `${path}: not a regular file (a device, pipe or socket)`);
    return { fh, size: st.size };
  } catch (e) {
    await fh.close();
    throw ioError(path, e);
  }
}
