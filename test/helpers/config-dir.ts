import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/**
 * Points EARMARK_CONFIG_DIR (recent projects, settings, the demo project, added models) at a folder
 * inside each test's temp dir, and restores it after the test.
 */
export function useConfigDir(temp: () => string): void {
  let previous: string | undefined;
  beforeEach(() => {
    previous = process.env.EARMARK_CONFIG_DIR;
    process.env.EARMARK_CONFIG_DIR = join(temp(), 'config');
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.EARMARK_CONFIG_DIR;
    else process.env.EARMARK_CONFIG_DIR = previous;
  });
}
