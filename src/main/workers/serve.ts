import { parentPort } from 'node:worker_threads';
import { errorToData, transferablesOf, type FromWorker, type ToWorker } from './protocol';

// The worker side of WorkerPool: dispatches calls to named handlers. Several calls may be in flight in
// one worker; long "background" calls should await ctx.yieldToForeground() between blocks of work so a
// foreground call (a visible tile) runs first instead of queueing behind a whole-file pass.

export interface TaskContext {
  readonly background: boolean;
  readonly signal: AbortSignal;
  progress(value: unknown): void;
  /** For background calls: lets pending messages in, then waits while foreground calls run here. */
  yieldToForeground(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (payload: any, ctx: TaskContext) => unknown;

export interface ServeHooks {
  /** Release resources (open files, sessions) before the pool terminates the worker. */
  onClose?: () => void | Promise<void>;
}

export function serveWorker(handlers: Record<string, Handler>, hooks: ServeHooks = {}): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker() must run inside a worker thread');
  const aborts = new Map<number, AbortController>();
  let foreground = 0;
  let foregroundIdle: Promise<void> = Promise.resolve();
  let releaseIdle: (() => void) | null = null;

  const post = (msg: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

  function enterForeground() {
    if (foreground++ === 0) foregroundIdle = new Promise((r) => (releaseIdle = r));
  }
  function leaveForeground() {
    if (--foreground === 0) {
      releaseIdle?.();
      releaseIdle = null;
    }
  }

  async function call(msg: Extract<ToWorker, { type: 'call' }>) {
    const abort = new AbortController();
    aborts.set(msg.id, abort);
    if (!msg.background) enterForeground();
    const ctx: TaskContext = {
      background: msg.background,
      signal: abort.signal,
      progress: (value) => post({ type: 'progress', id: msg.id, value }),
      yieldToForeground: async () => {
        if (!msg.background) return;
        await new Promise((r) => setImmediate(r));
        while (foreground > 0) await foregroundIdle;
        abort.signal.throwIfAborted();
      },
    };
    try {
      const handler = handlers[msg.method];
      if (!handler) throw new Error(`this worker has no method "${msg.method}"`);
      const value = await handler(msg.payload, ctx);
      post({ type: 'result', id: msg.id, value }, transferablesOf(value));
    } catch (e) {
      post({ type: 'error', id: msg.id, ...errorToData(e) });
    } finally {
      aborts.delete(msg.id);
      if (!msg.background) leaveForeground();
    }
  }

  const running = new Set<Promise<void>>();
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'call') {
      const p = call(msg);
      running.add(p);
      void p.then(() => running.delete(p));
    } else if (msg.type === 'cancel') aborts.get(msg.id)?.abort();
    else if (msg.type === 'close') {
      for (const a of aborts.values()) a.abort();
      // Let cancelled calls unwind (their finally blocks close files) before resources go.
      const settled = Promise.race([Promise.allSettled([...running]), new Promise((r) => setTimeout(r, 1000))]);
      void settled
        .then(() => hooks.onClose?.())
        .catch(() => undefined)
        .then(() => post({ type: 'closed' }));
    }
  });
}
