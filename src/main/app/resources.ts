import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repo's resources/ folder (bundled models, demo recordings, clips), found by walking up from this
 * module: it sits at src/main/app in source and in out/main (or out/main/chunks) when built.
 */
export function resourcesDir(): string {
  if (process.env.EARMARK_RESOURCES_DIR) return process.env.EARMARK_RESOURCES_DIR;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'models'))) return candidate;
    dir = dirname(dir);
  }
  return join(process.cwd(), 'resources');
}
