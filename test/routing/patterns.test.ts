import { describe, expect, it } from 'vitest';
import { EVENT_PATTERNS, matchesPattern, patternsOverlap } from '../../src/routing/patterns.js';
import { EVENT_TYPES } from '../../src/tickety/event-types.js';

describe('patternsOverlap', () => {
  it.each([
    ['*', 'ticket.close', true],
    ['*', 'verification.*', true],
    ['ticket.*', 'ticket.close', true],
    ['ticket.*', 'ticket.*', true],
    ['verification.pass', 'verification.pass', true],
    ['verification.*', 'application.*', false],
    ['ticket.*', 'application.accept', false],
    ['verification.pass', 'verification.fail', false],
  ])('%s and %s overlap: %s', (a, b, overlap) => {
    expect(patternsOverlap(a, b)).toBe(overlap);
    expect(patternsOverlap(b, a)).toBe(overlap);
  });

  it('says two patterns overlap exactly when some known event type matches both', () => {
    for (const a of EVENT_PATTERNS) {
      for (const b of EVENT_PATTERNS) {
        const shared = EVENT_TYPES.some(
          (type) => matchesPattern(a, type) && matchesPattern(b, type),
        );
        expect(patternsOverlap(a, b), `${a} / ${b}`).toBe(shared);
      }
    }
  });
});
