/**
 * The names of Tickety's HTTP events, as listed on https://tickety.top/docs/api/events.
 *
 * Kept as a readonly tuple so routing, slash-command choices and the schema table can all be
 * checked against the same 15 names at compile time.
 */
export const EVENT_TYPES = [
  'ticket.create',
  'ticket.close',
  'ticket.rename',
  'ticket.priority',
  'ticket.move',
  'ticket.transfer',
  'ticket.claim',
  'ticket.unclaim',
  'ticket.add',
  'ticket.remove',
  'application.submit',
  'application.accept',
  'application.deny',
  'verification.pass',
  'verification.fail',
] as const;

/** One of the 15 event names this bot understands (others are still accepted as unknown). */
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The three groups of events, the part of the name before the dot. Admins route a whole group at
 * once (`ticket.*`), and the renderer gives each group its own colour.
 */
export const EVENT_FAMILIES = ['ticket', 'application', 'verification'] as const;

/** One of the event groups in {@link EVENT_FAMILIES}. */
export type EventFamily = (typeof EVENT_FAMILIES)[number];

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);
const KNOWN_FAMILIES: ReadonlySet<string> = new Set(EVENT_FAMILIES);

/**
 * Narrows an arbitrary string to a known event name. A Set lookup, so names such as
 * `constructor` or `__proto__` can never match through the prototype chain.
 */
export function isKnownEventType(type: string): type is EventType {
  return KNOWN_TYPES.has(type);
}

/** The group an event belongs to, so callers can expand `ticket.*` or pick a colour. */
export function familyOf(type: EventType): EventFamily {
  return type.slice(0, type.indexOf('.')) as EventFamily;
}

/**
 * The group of any event name, including types Tickety may add later (`ticket.reopen` is still a
 * ticket event); `undefined` when the prefix is not one of ours.
 */
export function familyOfName(type: string): EventFamily | undefined {
  const dot = type.indexOf('.');
  if (dot <= 0) return undefined;
  const prefix = type.slice(0, dot);
  return KNOWN_FAMILIES.has(prefix) ? (prefix as EventFamily) : undefined;
}
