import { basename as posixBasename } from 'node:path';
import type { Recording } from '../../shared/domain';

// Attaching a table's rows to the project's recordings (issue 5): by path, then by file name
// (case-insensitive). Tables from Windows tools carry backslash paths, so names are cut at / and \.

export type Match = { recording: Recording } | { recording: null; reason: string };

/** The last path component, whichever separator the writing machine used. */
export function fileName(path: string): string {
  return posixBasename(path.replace(/\\/g, '/'));
}

const stem = (name: string) => name.replace(/\.[^.]*$/, '');

export class RecordingMatcher {
  private readonly byPath = new Map<string, Recording>();
  private readonly byName = new Map<string, Recording[]>();
  private readonly cache = new Map<string, Match>();

  constructor(private readonly recordings: Recording[]) {
    for (const r of recordings) {
      this.byPath.set(r.path, r);
      this.byPath.set(r.path.replace(/\\/g, '/'), r);
      const key = r.name.toLowerCase();
      this.byName.set(key, [...(this.byName.get(key) ?? []), r]);
    }
  }

  /** The recording a row's path or file name points at. */
  match(file: string): Match {
    let found = this.cache.get(file);
    if (!found) {
      found = this.lookup(file);
      this.cache.set(file, found);
    }
    return found;
  }

  private lookup(file: string): Match {
    const exact = this.byPath.get(file) ?? this.byPath.get(file.replace(/\\/g, '/'));
    if (exact) return { recording: exact };
    const name = fileName(file);
    const named = this.byName.get(name.toLowerCase()) ?? [];
    if (named.length === 1) return { recording: named[0] };
    if (named.length > 1) {
      return { recording: null, reason: `${named.length} recordings in the project are named ${name} (${named.map((r) => r.path).join(', ')}); give the full path` };
    }
    return { recording: null, reason: `no recording in the project at ${file} or named ${name}` };
  }

  /**
   * The recording a table is named after: Raven's `<recording>.Table.1.selections.txt`, BirdNET's
   * `<recording>.BirdNET.results.csv`, an Audacity `<recording>.txt` or `<recording>_labels.txt`.
   * The longest recording name that prefixes the table's name wins.
   */
  forTable(tablePath: string): Match {
    const table = fileName(tablePath).toLowerCase();
    const tableStem = stem(table);
    let best: Recording[] = [];
    let bestLength = 0;
    for (const r of this.recordings) {
      const candidates = [r.name.toLowerCase(), stem(r.name.toLowerCase())];
      for (const c of candidates) {
        const fits = tableStem === c || (table.startsWith(c) && /[._ -]/.test(table.charAt(c.length)));
        if (!fits || c.length < bestLength) continue;
        if (c.length > bestLength) best = [];
        if (!best.includes(r)) best.push(r);
        bestLength = c.length;
      }
    }
    if (best.length === 1) return { recording: best[0] };
    if (best.length > 1) return { recording: null, reason: `the table's name ${fileName(tablePath)} fits ${best.length} recordings (${best.map((r) => r.path).join(', ')})` };
    return { recording: null, reason: `the table names no file and no recording in the project is named like the table (${fileName(tablePath)})` };
  }
}
