/**
 * The Tickety contract: event names, payload schemas, parsing, and what an event is about. Other
 * parts of the bot import from here rather than from the files behind it.
 */
export {
  EVENT_FAMILIES,
  EVENT_TYPES,
  familyOf,
  familyOfName,
  isKnownEventType,
  type EventFamily,
  type EventType,
} from './event-types.js';
export type { KnownTicketyEvent, TicketyEvent, UnknownTicketyEvent } from './event.js';
export { MAX_UNKNOWN_TYPE_LENGTH, parseTicketyEvent, type ParseResult } from './parse.js';
export { restoreEvent } from './restore.js';
export { sampleEvent } from './samples.js';
export {
  CHANNEL_FIELDS,
  PAYLOAD_SCHEMAS,
  knownFieldsOf,
  type TicketChannel,
  type TicketyPayload,
  type TicketyPayloads,
} from './schemas.js';
export { panelOf, subjectUserId } from './subject.js';
export { toIsoDate } from './values.js';
