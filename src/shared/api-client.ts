import type { CallInput, CallName, CallOutput, EventName, EventPayload } from './contract';
import type { Result } from './errors';

/** What a transport provides: the renderer's lib/api.ts builds its typed client on top of this. */
export interface Transport {
  invoke(name: CallName, input: unknown): Promise<Result<unknown>>;
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
}

export type TypedCall = <N extends CallName>(name: N, input: CallInput<N>) => Promise<Result<CallOutput<N>>>;
export type TypedSubscribe = <N extends EventName>(
  name: N,
  listener: (payload: EventPayload<N>) => void,
) => () => void;
