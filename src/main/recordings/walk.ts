import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

export const AUDIO_EXTENSIONS = new Set(['.wav', '.flac', '.mp3', '.ogg', '.oga']);

export interface ImportCandidate {
  path: string;
  /** The folder the user chose, when the file was found by walking it (used to derive the site). */
  root: string | null;
}

export interface WalkResult {
  candidates: ImportCandidate[];
  /** Paths the user named that do not exist or cannot be listed. */
  unreachable: { path: string; reason: string }[];
}

/**
 * Expands what the user picked into files: named files are kept whatever their extension (so an
 * unsupported one is reported, not silently skipped); folders are walked recursively for audio files,
 * skipping hidden entries (recorders and OSes leave .Trashes, ._ files and the like).
 */
export async function collectImportCandidates(paths: string[]): Promise<WalkResult> {
  const candidates: ImportCandidate[] = [];
  const unreachable: WalkResult['unreachable'] = [];
  const seen = new Set<string>();
  const add = (path: string, root: string | null) => {
    if (seen.has(path)) return;
    seen.add(path);
    candidates.push({ path, root });
  };

  for (const raw of paths) {
    const path = resolve(raw);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      unreachable.push({ path, reason: describeFsError(error) });
      continue;
    }
    if (!info.isDirectory()) {
      add(path, null);
      continue;
    }
    const stack = [path];
    while (stack.length) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        unreachable.push({ path: dir, reason: describeFsError(error) });
        continue;
      }
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) stack.push(full);
        else if (entry.isFile() && AUDIO_EXTENSIONS.has(extname(entry.name).toLowerCase())) add(full, path);
      }
    }
  }
  return { candidates, unreachable };
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder (moved or deleted?)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return (error as Error).message;
}
