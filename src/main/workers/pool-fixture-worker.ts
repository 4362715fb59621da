import { EarmarkError } from '../../shared/errors';
import { serveWorker } from './serve';

// A worker for pool.test.ts: exercises results, transfers, errors, progress, priority and crashes.

let backgroundSteps = 0;

serveWorker({
  echo: (payload: unknown) => payload,
  bytes: (n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = i & 255;
    return out;
  },
  sum: (a: Float32Array) => a.reduce((s, x) => s + x, 0),
  fail: (code: 'NOT_FOUND' | 'BROKEN_AUDIO') => {
    throw new EarmarkError(code, `fixture failure ${code}`);
  },
  crash: () => process.exit(3),
  /** Counts steps; each step yields so foreground calls may run in between. */
  background: async (steps: number, ctx) => {
    for (let i = 0; i < steps; i++) {
      const until = Date.now() + 2;
      while (Date.now() < until);
      backgroundSteps++;
      ctx.progress(i + 1);
      await ctx.yieldToForeground();
    }
    return backgroundSteps;
  },
  /** Reports how many background steps ran before this foreground call started. */
  stepsSoFar: () => backgroundSteps,
  threadId: async () => (await import('node:worker_threads')).threadId,
});
