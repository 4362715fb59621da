#!/usr/bin/env node
// `npm start`: the desktop window when the Electron binary is installed; otherwise say what is missing
// and start the browser host instead (offline installs cannot download Electron's binary).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite } from './electron-native.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const passthrough = process.argv.slice(2);

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function build() {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

build();
const binary = electronBinary();
const native = binary ? ensureElectronSqlite(root) : null;
if (binary && native.ok) {
  run(binary, ['.', ...passthrough]);
} else {
  if (binary) console.error(`\nEarmark: ${native.message}\nStarting the browser host instead.\n`);
  else {
    console.error(
      [
        '',
        'Earmark: the Electron binary is not installed (node_modules/electron/dist is missing), so the desktop',
        'window cannot open. This happens on offline machines: Electron downloads its binary on first use.',
        'To get the window, run `npx install-electron` on a machine with internet access, then `npm start` again.',
        '',
        'Starting the browser host instead: open the URL printed below in Chromium, Chrome, Firefox or Edge.',
        '',
      ].join('\n'),
    );
  }
  run(process.execPath, [join(root, 'bin', 'earmark.js'), 'serve', ...(passthrough.length ? passthrough : ['--welcome'])]);
}
