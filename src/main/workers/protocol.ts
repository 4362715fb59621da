import { ERROR_CODES, EarmarkError, type ErrorCode } from '../../shared/errors';

// Messages between a WorkerPool and its workers. Errors cross as data (code + message) and become
// EarmarkError again on the pool side, so BROKEN_AUDIO or NOT_FOUND raised in a worker keeps its code.

export type ToWorker =
  | { type: 'call'; id: number; method: string; payload: unknown; background: boolean }
  | { type: 'cancel'; id: number }
  | { type: 'close' };

export type FromWorker =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; code: ErrorCode; message: string }
  | { type: 'progress'; id: number; value: unknown }
  | { type: 'closed' };

export function errorToData(e: unknown): { code: ErrorCode; message: string } {
  if (e instanceof EarmarkError) return { code: e.code, message: e.message };
  if (e instanceof Error && e.name === 'AbortError') return { code: 'INTERNAL', message: 'cancelled' };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message };
}

export function errorFromData(code: string, message: string): EarmarkError {
  const known = (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
  return new EarmarkError(known, message);
}

/**
 * Buffers a result can hand over without copying: whole (non-pooled) typed arrays at the top level
 * or one level down in a plain object. Node Buffers may be slices of a shared pool, so they are copied.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const consider = (v: unknown) => {
    if (!ArrayBuffer.isView(v) || Buffer.isBuffer(v)) return;
    const buf = v.buffer;
    if (buf instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === buf.byteLength && !out.includes(buf)) out.push(buf);
  };
  consider(value);
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value as Record<string, unknown>)) consider(v);
  }
  return out;
}
