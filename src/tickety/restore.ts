import type { TicketyEvent } from './event.js';
import { parseTicketyEvent } from './parse.js';

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  return { value };
}

/**
 * Rebuilds an event from what the database kept (its type and the payload, as JSON text or
 * already decoded). Stored payloads were valid when they arrived, and normalised dates parse
 * again unchanged. Should a payload no longer pass (the schema was tightened by an upgrade, the
 * row was edited), it comes back as an unknown event so it still renders generically: a stored
 * event must never be lost at delivery time, so this never throws.
 */
export function restoreEvent(type: string, payload: unknown): TicketyEvent {
  let decoded = payload;
  if (typeof payload === 'string') {
    try {
      decoded = JSON.parse(payload) as unknown;
    } catch {
      decoded = { value: payload };
    }
  }

  const parsed = parseTicketyEvent({ type, payload: decoded });
  if (parsed.success) return parsed.event;
  return { known: false, type, payload: asObject(decoded) };
}
