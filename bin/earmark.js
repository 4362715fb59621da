#!/usr/bin/env node
// The `earmark` command: runs the built CLI (out/main/cli.js, built by `npm install`/`npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('earmark: the app is not built yet. Run `npm run build` in the Earmark folder first.\n');
  process.exit(2);
}
const { runCli } = await import(pathToFileURL(cli).href);
process.exitCode = await runCli(process.argv.slice(2));
