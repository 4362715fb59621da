import type { EventName, EventPayload } from '../../shared/contract';

type Listener = (name: EventName, payload: unknown) => void;

/** Fan-out of Node-side events to every connected renderer (IPC windows, SSE clients). */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  /** Returns the disposer (DESIGN.md: every subscription returns one). */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
