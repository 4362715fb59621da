import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { FsListing } from '../../shared/domain';
import { EarmarkError } from '../../shared/errors';
import { describeFsError } from '../recordings/walk';

/**
 * The browser host's stand-in for a native file dialog: a browser cannot hand us paths, so the
 * renderer browses the Node side's folders instead. Hidden entries are left out.
 */
export async function listDirectory(path?: string): Promise<FsListing> {
  const dir = resolve(path ?? homedir());
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new EarmarkError('IO', `Cannot list ${dir}: ${describeFsError(error)}`);
  }
  const listed = await Promise.all(
    entries
      .filter((entry) => !entry.name.startsWith('.') && (entry.isDirectory() || entry.isFile()))
      .map(async (entry) => {
        const full = join(dir, entry.name);
        const size = entry.isFile() ? await stat(full).then((s) => s.size, () => 0) : 0;
        return { name: entry.name, path: full, kind: entry.isDirectory() ? ('dir' as const) : ('file' as const), size };
      }),
  );
  listed.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  const parent = dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, entries: listed };
}
