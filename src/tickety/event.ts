import type { EventType } from './event-types.js';
import type { TicketyPayload } from './schemas.js';

/**
 * An event of a type we know, with its payload validated and normalised. Written as a union over
 * the 15 types so that checking `event.type` narrows `event.payload` to that type's fields.
 */
export type KnownTicketyEvent<T extends EventType = EventType> = {
  [K in T]: { known: true; type: K; payload: TicketyPayload<K> };
}[T];

/**
 * An event whose type Tickety added after this code was written. It is accepted and kept as
 * sent, because refusing it would lose the event for good (Tickety documents no retries).
 */
export interface UnknownTicketyEvent {
  known: false;
  type: string;
  payload: Record<string, unknown>;
}

/** Any event that passed `parseTicketyEvent`: check `known`, then `type`. */
export type TicketyEvent = KnownTicketyEvent | UnknownTicketyEvent;
