import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// better-sqlite3 is compiled per ABI: the build in node_modules serves Node (tests, CLI, browser host);
// Electron needs its own build, which `scripts/electron-native.js` puts in build/electron-native/
// (DESIGN.md, "Native modules"). One install serves both: we pick the binary by runtime.
export function sqliteNativeBinding(): string | undefined {
  if (!process.versions.electron) return undefined;
  const require = createRequire(import.meta.url);
  const packageRoot = dirname(require.resolve('better-sqlite3/package.json'));
  const candidate = join(packageRoot, '..', '..', 'build', 'electron-native', 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}
