import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import type { Settings } from '../../shared/domain';
import { EarmarkError } from '../../shared/errors';
import { configDir } from '../app/recent-projects';

/** The OS account name until the user sets one: decisions are never recorded without a reviewer. */
function defaultReviewer(): string {
  try {
    return userInfo().username || 'reviewer';
  } catch {
    return 'reviewer';
  }
}

/** Per-user settings, a small JSON file in the config folder written atomically (write, then rename). */
export class SettingsStore {
  private cached: Settings | null = null;

  constructor(readonly file = join(configDir(), 'settings.json')) {}

  get(): Settings {
    this.cached ??= this.read();
    return { ...this.cached };
  }

  set(patch: Partial<Settings>): Settings {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Settings>;
    const next = { ...this.get(), ...defined };
    if (!next.reviewer.trim()) throw new EarmarkError('BAD_INPUT', 'The reviewer name cannot be empty');
    if (next.review_keys) assertNoSharedKeys(next.review_keys);
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.tmp`;
      writeFileSync(temp, JSON.stringify(next, null, 2));
      renameSync(temp, this.file);
    } catch (error) {
      throw new EarmarkError('IO', `Cannot save the settings to ${this.file}: ${(error as Error).message}`);
    }
    this.cached = next;
    return { ...next };
  }

  private read(): Settings {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Settings>;
      const reviewer = typeof parsed.reviewer === 'string' && parsed.reviewer.trim() ? parsed.reviewer : defaultReviewer();
      const keys = parsed.review_keys;
      const review_keys = keys && typeof keys === 'object' && Object.values(keys).every(Array.isArray) ? keys : undefined;
      return { ...parsed, reviewer, review_keys };
    } catch {
      return { reviewer: defaultReviewer() }; // missing or damaged: defaults rather than a broken review view
    }
  }
}

/**
 * The renderer checks rebinding against defaults and label hotkeys (lib/review-keys.ts); this guards
 * the file itself: one key never stands for two actions, whoever wrote the settings.
 */
function assertNoSharedKeys(keys: Record<string, string[]>): void {
  const owner = new Map<string, string>();
  for (const [action, list] of Object.entries(keys)) {
    for (const key of list) {
      const other = owner.get(key.toLowerCase());
      if (other && other !== action) throw new EarmarkError('CONFLICT', `The key ${key} cannot stand for both "${other}" and "${action}"`);
      owner.set(key.toLowerCase(), action);
    }
  }
}

const stores = new Map<string, SettingsStore>();

/** One store per settings file, so the config folder (EARMARK_CONFIG_DIR in tests) is read at call time. */
export function userSettings(): SettingsStore {
  const file = join(configDir(), 'settings.json');
  let store = stores.get(file);
  if (!store) {
    store = new SettingsStore(file);
    stores.set(file, store);
  }
  return store;
}
