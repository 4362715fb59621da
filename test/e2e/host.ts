import type { Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  dir: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the real browser host (`bin/earmark.js serve`, the built app) in a child process with its own
 * config folder, and resolves once it prints its URL.
 */
export async function startHost(args: string[] = [], dir = mkdtempSync(join(tmpdir(), 'earmark-e2e-'))): Promise<RunningHost> {
  const child = spawn(process.execPath, [join(root, 'bin', 'earmark.js'), 'serve', '--port', '0', ...args], {
    cwd: root,
    env: { ...process.env, EARMARK_CONFIG_DIR: join(dir, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 30_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /Earmark is running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    dir,
    child,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        await exited;
      }
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Calls the host's API as the page's browser context (token header), failing with the call's message. */
export async function callApi<T>(page: Page, host: RunningHost, name: string, data: unknown = {}): Promise<T> {
  const res = await page.request.post(`${host.origin}/api/${name}`, { data, headers: { 'x-earmark-token': host.token } });
  const body = (await res.json()) as { ok: boolean; value: T; message?: string };
  if (!body.ok) throw new Error(`${name}: ${body.message}`);
  return body.value;
}
