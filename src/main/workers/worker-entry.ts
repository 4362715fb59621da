import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Where a worker's code lives depends on how Earmark runs: the built app and CLI have each worker as
// its own bundle entry (`out/main/<name>.js`, see electron.vite.config.ts), while vitest, tsx and the
// benchmarks run the TypeScript source. Node 20's worker threads do not inherit loader hooks from
// `execArgv: ['--import', 'tsx']` (measured: ERR_UNKNOWN_FILE_EXTENSION), so source workers start from a
// tiny bootstrap that registers tsx inside the worker and then imports the .ts file.

export interface WorkerEntry {
  /** A file path, or bootstrap code when `eval` is true. */
  code: string;
  eval: boolean;
  /** What runs, for error messages. */
  describe: string;
}

const here = fileURLToPath(import.meta.url);

/** True when this module runs from TypeScript source (vitest, tsx), not from the built bundle. */
export function runningFromSource(): boolean {
  return here.endsWith('.ts');
}

/**
 * Resolves a worker entry.
 * @param builtName the bundle entry name, e.g. 'spectrogram-worker' for out/main/spectrogram-worker.js
 * @param sourcePath the worker's source relative to src/main, e.g. 'audio/spectrogram/worker.ts'
 */
export function resolveWorkerEntry(builtName: string, sourcePath: string): WorkerEntry {
  if (runningFromSource()) {
    const srcMain = resolve(dirname(here), '..');
    return sourceWorkerEntry(join(srcMain, sourcePath));
  }
  // Bundled code may sit in out/main/ or in a shared chunk folder below it (out/main/chunks/).
  let dir = dirname(here);
  for (let i = 0; i < 3; i++) {
    const candidate = join(dir, `${builtName}.js`);
    if (existsSync(candidate)) return { code: candidate, eval: false, describe: candidate };
    dir = dirname(dir);
  }
  throw new Error(`Earmark's worker bundle ${builtName}.js was not found next to ${here}: the build is incomplete`);
}

/** An entry that runs a TypeScript file through tsx inside the worker. */
export function sourceWorkerEntry(tsFile: string): WorkerEntry {
  const require = createRequire(import.meta.url);
  // tsx's ESM api (not its CommonJS build, whose register() resolves its own hooks wrongly here).
  const tsxPackage = dirname(require.resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxPackage, 'dist/esm/api/index.mjs')).href;
  const target = pathToFileURL(tsFile).href;
  const code =
    `import(${JSON.stringify(api)})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(target)}); })` +
    `.catch((e) => { setImmediate(() => { throw e; }); });`;
  return { code, eval: true, describe: tsFile };
}
