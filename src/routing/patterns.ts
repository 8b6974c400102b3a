import { EVENT_TYPES } from '../tickety/event-types.js';

/** The groups an admin can route at once, besides the 15 exact event types. */
export const EVENT_GROUPS = ['*', 'ticket.*', 'application.*', 'verification.*'] as const;

/** Every value accepted where a command asks for an EVENT. */
export const EVENT_PATTERNS: readonly string[] = [...EVENT_GROUPS, ...EVENT_TYPES];

/** True when `pattern` is an exact type, a family group (`ticket.*`) or `*`. */
export function isEventPattern(pattern: string): boolean {
  return EVENT_PATTERNS.includes(pattern);
}

/**
 * Whether an event of `type` matches `pattern`. Group patterns also match types Tickety adds
 * later (`ticket.reopen` matches `ticket.*`), which is what an admin who chose a group expects.
 */
export function matchesPattern(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

/**
 * Whether some event type matches both patterns: `*` overlaps everything, `ticket.*` overlaps
 * itself and every ticket type, and an exact type overlaps only itself and its groups.
 */
export function patternsOverlap(a: string, b: string): boolean {
  return matchesPattern(a, b) || matchesPattern(b, a);
}
