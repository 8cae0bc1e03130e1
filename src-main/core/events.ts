import type { EventName, EventPayload } from '@contract/index';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * The core's outgoing events. Transports subscribe once and forward every event to
 * their windows; the core never knows who listens.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
