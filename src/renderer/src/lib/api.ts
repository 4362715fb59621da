import type { TypedCall, TypedSubscribe, Transport } from '../../../shared/api-client';
import type { CallName, EventName } from '../../../shared/contract';
import type { Failure, Result } from '../../../shared/errors';

// The only module that talks to the Node side (DESIGN.md, "The shape"). Inside Electron the preload's
// `window.earmark` carries calls over IPC; in the browser host the same calls go to `POST /api/<call>`
// and events arrive as server-sent events. Inputs are not validated here: the Node side validates once.

function failure(code: Failure['code'], message: string): Failure {
  return { ok: false, code, message };
}

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const ok = (body as { ok: unknown }).ok;
  return ok === true || (ok === false && typeof (body as { message?: unknown }).message === 'string');
}

/** HTTP transport for the browser host; `base` is empty in the app (same origin) and a URL in tests. */
export function createHttpTransport(base = ''): Transport {
  let source: EventSource | null = null;
  let listeners = 0;

  return {
    async invoke(name: CallName, input: unknown): Promise<Result<unknown>> {
      let res: Response;
      try {
        res = await fetch(`${base}/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return failure('IO', `Could not reach the Earmark server (${why}). Is \`earmark serve\` still running?`);
      }
      let body: unknown = null;
      try {
        body = await res.json();
      } catch {
        body = null;
      }
      // A host may answer a refused call with a Failure body and a 4xx status: keep its message.
      if (isResult(body) && (res.ok || body.ok === false)) return body;
      if (res.status === 401 || res.status === 403) {
        return failure(
          'UNAUTHORIZED',
          'The server refused this browser: open the address with ?token=… that `earmark serve` printed.',
        );
      }
      if (!res.ok) return failure('INTERNAL', `The server answered HTTP ${res.status} to ${name}.`);
      return failure('INTERNAL', `The server sent an answer to ${name} that is not a result.`);
    },

    subscribe(name: EventName, listener: (payload: unknown) => void): () => void {
      source ??= new EventSource(`${base}/api/events`, { withCredentials: true });
      const es = source;
      const handler = (ev: MessageEvent<string>) => {
        try {
          listener(JSON.parse(ev.data));
        } catch {
          // A malformed event is dropped rather than breaking every other listener.
        }
      };
      es.addEventListener(name, handler as EventListener);
      listeners++;
      let disposed = false;
      return () => {
        if (disposed) return;
        disposed = true;
        es.removeEventListener(name, handler as EventListener);
        listeners--;
        // Close the stream when nobody listens, so an idle tab holds no connection.
        if (listeners === 0 && source === es) {
          es.close();
          source = null;
        }
      };
    },
  };
}

/** Wraps the bridge so a rejected IPC promise becomes a Failure like every other error. */
function bridgeTransport(bridge: Transport): Transport {
  return {
    async invoke(name, input) {
      try {
        return await bridge.invoke(name, input);
      } catch (err) {
        return failure('INTERNAL', `${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    subscribe: (name, listener) => bridge.subscribe(name, listener),
  };
}

const bridge = typeof window !== 'undefined' ? window.earmark : undefined;
const transport: Transport = bridge ? bridgeTransport(bridge) : createHttpTransport();

/** True inside Electron: native dialogs and dropped-file paths are available. */
export const isElectron = bridge !== undefined;
/** The Electron bridge (dialogs, pathForFile), or undefined in the browser host. */
export const electron = bridge;

export const call: TypedCall = (name, input) => transport.invoke(name, input) as never;
export const subscribe: TypedSubscribe = (name, listener) =>
  transport.subscribe(name, listener as (payload: unknown) => void);

/** Fetches a media URL (audio peaks, tiles) as bytes; throws an Error whose message says what failed. */
export async function fetchBytes(url: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const res = await fetch(url, { credentials: 'same-origin', signal });
  if (!res.ok) {
    let detail = '';
    try {
      const body: unknown = await res.json();
      if (isResult(body) && body.ok === false) detail = `: ${body.message}`;
    } catch {
      // Not JSON: the status alone has to do.
    }
    throw new Error(`HTTP ${res.status} for ${url}${detail}`);
  }
  return res.arrayBuffer();
}
