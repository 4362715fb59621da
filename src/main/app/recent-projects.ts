import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import type { RecentProject } from '../../shared/domain';

const MAX_RECENT = 12;

/** Where Earmark keeps per-user state; EARMARK_CONFIG_DIR overrides it (tests, portable installs). */
export function configDir(): string {
  if (process.env.EARMARK_CONFIG_DIR) return process.env.EARMARK_CONFIG_DIR;
  const base = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(base, 'earmark');
}

/** The recent-projects list, a small JSON file written atomically (write, then rename). */
export class RecentProjects {
  constructor(private readonly file = join(configDir(), 'recent-projects.json')) {}

  list(): RecentProject[] {
    return this.read().map((entry) => ({ ...entry, exists: existsSync(entry.path) }));
  }

  touch(path: string): void {
    const entries = this.read().filter((entry) => entry.path !== path);
    entries.unshift({ path, name: basename(path, extname(path)), opened_at: new Date().toISOString() });
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(entries.slice(0, MAX_RECENT), null, 2));
    renameSync(temp, this.file);
  }

  private read(): Omit<RecentProject, 'exists'>[] {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(parsed) ? (parsed as Omit<RecentProject, 'exists'>[]) : [];
    } catch {
      return []; // missing or damaged: start a new list rather than failing the start screen
    }
  }
}
