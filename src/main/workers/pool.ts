import { Worker } from 'node:worker_threads';
import { EarmarkError } from '../../shared/errors';
import { errorFromData, type FromWorker, type ToWorker } from './protocol';
import type { WorkerEntry } from './worker-entry';

// A small pool over node:worker_threads (DESIGN.md: heavy work never runs on the main thread).
// Foreground calls run one per worker, queued FIFO when all workers are busy. Background calls (a
// whole-file pass split across workers) are placed at once on the worker with the fewest of them and do
// not occupy its foreground slot: the worker interleaves them and lets foreground calls go first
// (serve.ts, yieldToForeground), so a visible tile never waits for a pass to finish.

export interface PoolOptions {
  entry: WorkerEntry;
  size: number;
  /** Names the pool in error messages. */
  name: string;
  workerData?: unknown;
}

export interface RunOptions {
  transfer?: Transferable[];
  onProgress?: (value: unknown) => void;
  background?: boolean;
  signal?: AbortSignal;
}

interface Task {
  id: number;
  method: string;
  payload: unknown;
  opts: RunOptions;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  slot?: Slot;
}

interface Slot {
  worker: Worker | null;
  tasks: Map<number, Task>;
  foreground: number;
  background: number;
}

export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    const size = Math.max(1, Math.floor(options.size));
    this.slots = Array.from({ length: size }, () => ({ worker: null, tasks: new Map(), foreground: 0, background: 0 }));
  }

  get size(): number {
    return this.slots.length;
  }

  run<T>(method: string, payload: unknown, opts: RunOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new EarmarkError('INTERNAL', `the ${this.options.name} worker pool is closed`));
    if (opts.signal?.aborted) return Promise.reject(opts.signal.reason);
    return new Promise<T>((resolve, reject) => {
      const task: Task = { id: this.nextId++, method, payload, opts, resolve: resolve as (v: unknown) => void, reject };
      opts.signal?.addEventListener('abort', () => this.cancel(task), { once: true });
      if (opts.background) this.start(task, this.pickBackgroundSlot());
      else {
        this.queue.push(task);
        this.pump();
      }
    });
  }

  /** Starts every worker now (thread start-up and module loading take ~100-500 ms) without holding the process open. */
  warm(): void {
    if (this.closed) return;
    for (const slot of this.slots) if (!slot.worker) this.workerFor(slot).unref();
  }

  /** Asks every worker to release its resources, then terminates it; pending calls are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const gone = new EarmarkError('INTERNAL', `the ${this.options.name} worker pool was closed`);
    for (const t of this.queue.splice(0)) t.reject(gone);
    await Promise.all(
      this.slots.map(async (slot) => {
        const w = slot.worker;
        for (const t of slot.tasks.values()) t.reject(gone);
        slot.tasks.clear();
        if (!w) return;
        slot.worker = null;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2000);
          w.on('message', (m: FromWorker) => m.type === 'closed' && (clearTimeout(timer), resolve()));
          w.once('exit', () => (clearTimeout(timer), resolve()));
          w.postMessage({ type: 'close' } satisfies ToWorker);
        });
        await w.terminate();
      }),
    );
  }

  private pickBackgroundSlot(): Slot {
    return this.slots.reduce((a, b) => (b.background < a.background || (b.background === a.background && b.foreground < a.foreground) ? b : a));
  }

  private pump(): void {
    while (this.queue.length) {
      const free = this.slots.filter((s) => s.foreground === 0);
      if (!free.length) return;
      const slot = free.reduce((a, b) => (b.background < a.background ? b : a));
      this.start(this.queue.shift()!, slot);
    }
  }

  private start(task: Task, slot: Slot): void {
    const worker = this.workerFor(slot);
    task.slot = slot;
    slot.tasks.set(task.id, task);
    if (task.opts.background) slot.background++;
    else slot.foreground++;
    worker.ref();
    const msg: ToWorker = { type: 'call', id: task.id, method: task.method, payload: task.payload, background: !!task.opts.background };
    worker.postMessage(msg, (task.opts.transfer ?? []) as never);
  }

  private finish(task: Task): boolean {
    const slot = task.slot;
    if (!slot) {
      const i = this.queue.indexOf(task);
      if (i < 0) return false;
      this.queue.splice(i, 1);
      return true;
    }
    if (!slot.tasks.delete(task.id)) return false;
    if (task.opts.background) slot.background--;
    else slot.foreground--;
    // An idle pool must not keep the process (a CLI run) alive.
    if (slot.tasks.size === 0) slot.worker?.unref();
    if (!task.opts.background) queueMicrotask(() => this.pump());
    return true;
  }

  private cancel(task: Task): void {
    const slot = task.slot;
    if (!this.finish(task)) return;
    slot?.worker?.postMessage({ type: 'cancel', id: task.id } satisfies ToWorker);
    task.reject(task.opts.signal?.reason ?? new EarmarkError('INTERNAL', 'cancelled'));
  }

  private workerFor(slot: Slot): Worker {
    if (slot.worker) return slot.worker;
    const { entry } = this.options;
    const worker = new Worker(entry.code, { eval: entry.eval, workerData: this.options.workerData });
    slot.worker = worker;
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'closed') return;
      const task = slot.tasks.get(m.id);
      if (!task) return;
      if (m.type === 'progress') task.opts.onProgress?.(m.value);
      else if (this.finish(task)) {
        if (m.type === 'result') task.resolve(m.value);
        else task.reject(errorFromData(m.code, m.message));
      }
    });
    const fail = (why: string) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const err = new EarmarkError('INTERNAL', `a ${this.options.name} worker (${entry.describe}) ${why}`);
      for (const t of [...slot.tasks.values()]) if (this.finish(t)) t.reject(err);
    };
    worker.on('error', (e) => fail(`failed: ${e instanceof Error ? e.message : String(e)}`));
    worker.on('exit', (code) => fail(`exited with code ${code}`));
    return worker;
  }
}
