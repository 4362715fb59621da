// better-sqlite3 is a native module compiled per ABI (DESIGN.md, "Native modules"). node_modules holds
// the build for Node (tests, CLI, browser host); the Electron app needs a build for Electron's ABI,
// kept beside it in build/electron-native/ and chosen at run time by src/main/store/native-binding.ts.
// This compiles it once with node-gyp against Electron's headers (needs those headers: on an offline
// machine it fails with a clear message and `npm start` falls back to the browser host).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function ensureElectronSqlite(root) {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const outDir = join(root, 'build', 'electron-native');
  const out = join(outDir, 'better_sqlite3.node');
  const stamp = join(outDir, 'electron-version.txt');
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) return { ok: true };

  const pkg = join(root, 'node_modules', 'better-sqlite3');
  const gyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const nodeGyp = existsSync(gyp) ? [process.execPath, gyp] : ['npx', 'node-gyp'];
  console.error(`Earmark: building better-sqlite3 for Electron ${electronVersion} (once)...`);
  const result = spawnSync(
    nodeGyp[0],
    [...nodeGyp.slice(1), 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron',
      '--dist-url=https://electronjs.org/headers', `--devdir=${join(root, 'build', 'electron-gyp')}`],
    { cwd: pkg, stdio: 'inherit', env: { ...process.env, npm_config_build_from_source: 'true' } },
  );
  if (result.status !== 0) {
    return { ok: false, message: 'could not build better-sqlite3 for Electron (Electron headers unavailable offline?).' };
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(pkg, 'build', 'Release', 'better_sqlite3.node'), out);
  writeFileSync(stamp, electronVersion);
  // Rebuild for Node again so tests, CLI and the browser host keep working from the same install.
  spawnSync(nodeGyp[0], [...nodeGyp.slice(1), 'rebuild', '--release'], { cwd: pkg, stdio: 'inherit' });
  return { ok: true };
}
