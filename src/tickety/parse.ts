import type { z } from 'zod';

import type { KnownTicketyEvent, TicketyEvent } from './event.js';
import { isKnownEventType } from './event-types.js';
import { PAYLOAD_SCHEMAS } from './schemas.js';
import { describeValue, expectedMessage } from './values.js';

// Re-exported because the HTTP layer and routing read the event type from here.
export type { KnownTicketyEvent, TicketyEvent, UnknownTicketyEvent } from './event.js';

/** What {@link parseTicketyEvent} answers: the event, or one short sentence on what is wrong. */
export type ParseResult =
  { success: true; event: TicketyEvent } | { success: false; reason: string };

/** Longest event name accepted for a type we do not know; Tickety's own names are under 20. */
export const MAX_UNKNOWN_TYPE_LENGTH = 64;

const MAX_REASON_LENGTH = 300;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(reason: string): ParseResult {
  return {
    success: false,
    reason:
      reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason,
  };
}

// Messages for the issues our schemas do not word themselves, mostly a plain string of the wrong
// kind: "expected a string, got a number".
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code !== 'invalid_type') return undefined;
  const article = /^[aeiou]/.test(issue.expected) ? 'an' : 'a';
  return expectedMessage(`${article} ${issue.expected}`, issue.input);
};

function formatPath(path: readonly PropertyKey[]): string {
  let text = 'payload';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return text;
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  const [first] = issues;
  if (!first) return 'payload: invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${formatPath(first.path)}: ${first.message}${more}`;
}

/**
 * Tickety's payloads are at most two levels deep (`payload.channel.id`). Anything far deeper is
 * refused up front: JSON.stringify and the renderer recurse, and a 64 KiB body can nest tens of
 * thousands of levels, enough to overflow the stack when the event is stored or shown.
 */
export const MAX_PAYLOAD_DEPTH = 16;

/** Depth of nested objects and arrays, measured without recursion; stops once over `limit`. */
function nestingExceeds(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

function checkUnknownType(type: string): string | undefined {
  if (type.trim() === '') return 'type: must not be empty';
  if (type.length > MAX_UNKNOWN_TYPE_LENGTH) {
    return `type: unknown event type longer than ${MAX_UNKNOWN_TYPE_LENGTH} characters`;
  }
  if (CONTROL_CHARACTER.test(type)) return 'type: must not contain control characters';
  return undefined;
}

/**
 * Reads one Tickety request body (`{ "type": ..., "payload": {...} }`, already JSON-decoded).
 *
 * Known types are validated against their schema and come back normalised (ISO dates, extra keys
 * kept). An unknown but plausible type is accepted with its payload untouched, since Tickety may
 * add events. Anything else gets a reason naming the path, e.g.
 * `payload.closerId: expected a Discord id (string of 17-20 digits)`. Runs on every request, so
 * it looks the schema up by name instead of trying a union of all 15.
 */
export function parseTicketyEvent(body: unknown): ParseResult {
  if (!isObject(body)) return fail(`body: expected a JSON object, got ${describeValue(body)}`);

  const { type, payload } = body;
  if (typeof type !== 'string') return fail(`type: ${expectedMessage('a string', type)}`);
  if (!isObject(payload)) return fail(`payload: ${expectedMessage('an object', payload)}`);
  if (nestingExceeds(payload, MAX_PAYLOAD_DEPTH)) {
    return fail(`payload: nested more than ${MAX_PAYLOAD_DEPTH} levels deep`);
  }

  if (!isKnownEventType(type)) {
    const problem = checkUnknownType(type);
    if (problem !== undefined) return fail(problem);
    return { success: true, event: { known: false, type, payload } };
  }

  const result = PAYLOAD_SCHEMAS[type].safeParse(payload, { error: errorMap });
  if (!result.success) return fail(formatIssues(result.error.issues));
  // The compiler cannot tie `type` to the schema it picked, but the table is keyed by type.
  const event = { known: true, type, payload: result.data } as KnownTicketyEvent;
  return { success: true, event };
}
