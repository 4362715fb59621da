import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EarmarkError } from '../../shared/errors';
import { WorkerPool } from './pool';
import { resolveWorkerEntry, sourceWorkerEntry } from './worker-entry';

const fixture = join(fileURLToPath(new URL('.', import.meta.url)), 'pool-fixture-worker.ts');
let pool: WorkerPool | null = null;
const make = (size: number) => (pool = new WorkerPool({ entry: sourceWorkerEntry(fixture), size, name: 'test' }));
const failure = (p: Promise<unknown>) => p.then(
  () => { throw new Error('expected a failure'); },
  (e: EarmarkError) => e,
);
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('WorkerPool', () => {
  it('runs calls in worker threads and returns structured results and typed arrays', async () => {
    const p = make(2);
    expect(await p.run('echo', { a: [1, 2], b: 'x' })).toEqual({ a: [1, 2], b: 'x' });
    const bytes = await p.run<Uint8Array>('bytes', 300);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBe(300);
    expect(bytes[257]).toBe(1);
    const input = new Float32Array([1, 2, 3.5]);
    expect(await p.run('sum', input, { transfer: [input.buffer] })).toBe(6.5);
    expect(input.byteLength).toBe(0); // transferred, not copied
    const ids = new Set(await Promise.all([p.run('threadId', null), p.run('threadId', null)]));
    expect(ids.size).toBe(2); // two concurrent foreground calls use both workers
  });

  it('keeps the error code raised inside the worker', async () => {
    const p = make(1);
    const err = await failure(p.run('fail', 'BROKEN_AUDIO'));
    expect(err).toBeInstanceOf(EarmarkError);
    expect(err.code).toBe('BROKEN_AUDIO');
    expect(err.message).toContain('fixture failure');
    const missing = await failure(p.run('nope', null));
    expect(missing.code).toBe('INTERNAL');
  });

  it('lets a foreground call run before a background call finishes, and reports progress', async () => {
    const p = make(1);
    const progress: unknown[] = [];
    const bg = p.run<number>('background', 200, { background: true, onProgress: (v) => progress.push(v) });
    await new Promise((r) => setTimeout(r, 50));
    const stepsWhenServed = await p.run<number>('stepsSoFar', null);
    const total = await bg;
    expect(total).toBe(200);
    expect(stepsWhenServed).toBeLessThan(200);
    expect(progress.at(-1)).toBe(200);
  });

  it('rejects the calls of a crashed worker and starts a new one', async () => {
    const p = make(1);
    const err = await failure(p.run('crash', null));
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toMatch(/exited/);
    expect(await p.run('echo', 5)).toBe(5);
  });

  it('cancels a call through its AbortSignal and rejects calls after close', async () => {
    const p = make(1);
    const ac = new AbortController();
    const bg = p.run('background', 10_000, { background: true, signal: ac.signal });
    ac.abort(new Error('stop'));
    await expect(bg).rejects.toThrow('stop');
    expect(await p.run('echo', 1)).toBe(1);
    await p.close();
    await expect(p.run('echo', 1)).rejects.toThrow(/closed/);
  });

  it('resolves the source of a worker when running from TypeScript', () => {
    const entry = resolveWorkerEntry('spectrogram-worker', 'audio/spectrogram/worker.ts');
    expect(entry.eval).toBe(true);
    expect(entry.describe).toMatch(/src[/\\]main[/\\]audio[/\\]spectrogram[/\\]worker\.ts$/);
  });
});
