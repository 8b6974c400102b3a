import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { escapeUserText } from '../../src/render/escape.js';
import { truncate } from '../../src/render/limits.js';
import { renderEvent } from '../../src/render/render-event.js';
import { EVENT_TYPES } from '../../src/tickety/event-types.js';
import { parseTicketyEvent } from '../../src/tickety/parse.js';
import { fixtureBody } from '../helpers/fixtures.js';
import { expectNoForeignMarkup, expectWithinLimits } from './embed-checks.js';

const NUM_RUNS = 300;

// Text that is likely to hurt: markdown markers, mention openers, astral and combining
// characters, half surrogates, and long runs.
const nastyChar = fc.oneof(
  fc.constantFrom('*', '_', '~', '|', '`', '[', ']', '(', ')', '<', '>', '@', '#', '-', '\\', ':'),
  fc.constantFrom('/', '\n', '\r', '\t', '\u200b', '\u202e', '\u0301', '\u200d'),
  fc.constantFrom('😀', '🇳', '🇱', '👨‍👩‍👧'),
  fc.constantFrom('everyone', 'here', 'https://', '&', '!', 't:', '1234567890123456789'),
  fc.string({ unit: 'binary', maxLength: 3 }),
  fc.string({
    unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    maxLength: 1,
  }),
);
const nastyText = fc.oneof(
  { weight: 4, arbitrary: fc.array(nastyChar, { maxLength: 60 }).map((parts) => parts.join('')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(nastyChar, fc.integer({ min: 900, max: 5000 }))
      .map(([c, n]) => c.repeat(n)),
  },
);

const anyType = fc.oneof(
  fc.constantFrom(...EVENT_TYPES),
  fc.constantFrom('ticket.reopen', 'shop.order', ''),
  fc.string({ maxLength: 70 }),
);

// Text-valued fields of the documented payloads, which users (or Tickety) fill freely.
const FREE_TEXT = [
  'ticketId',
  'panelId',
  'closeReason',
  'transcript',
  'oldName',
  'newName',
  'oldPanelId',
  'newPanelId',
  'applicationId',
  'reason',
  'verificationId',
  'status',
];

describe('parse and render properties', () => {
  it('never throw on arbitrary JSON payloads, and every embed stays within limits', () => {
    fc.assert(
      fc.property(anyType, fc.dictionary(fc.string(), fc.jsonValue()), (type, payload) => {
        const result = parseTicketyEvent({ type, payload });
        if (!result.success) {
          expect(result.reason.length).toBeGreaterThan(0);
          return;
        }
        const embed = renderEvent(result.event, { test: type.length % 2 === 0 });
        expectWithinLimits(embed);
        expectNoForeignMarkup(embed);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('accept valid payloads whose free text is hostile, and render them safely', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EVENT_TYPES),
        nastyText,
        fc.dictionary(nastyText, fc.oneof(nastyText, fc.jsonValue()), { maxKeys: 8 }),
        (type, text, extras) => {
          const body = fixtureBody(type);
          const payload: Record<string, unknown> = { ...extras, ...body.payload };
          for (const key of FREE_TEXT) if (key in payload) payload[key] = text;
          if ('channel' in payload) payload.channel = { id: '1347497185532818989', name: text };

          const result = parseTicketyEvent({ type, payload });
          expect(result.success).toBe(true);
          if (!result.success) return;
          const embed = renderEvent(result.event);
          expectWithinLimits(embed);
          expectNoForeignMarkup(embed);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('text properties', () => {
  it('escaped text has no bare markdown marker and no live mention opener', () => {
    fc.assert(
      fc.property(nastyText, fc.boolean(), (text, multiline) => {
        const safe = escapeUserText(text, { multiline });
        const withoutEscapes = safe.replace(/\\[\s\S]/g, '');
        expect(withoutEscapes).not.toMatch(/[*_~|`[]/);
        expect(safe).not.toMatch(/<[^\u200b]/);
        expect(safe).not.toMatch(/@(everyone|here)/i);
        expect(safe).not.toContain('://');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('truncation keeps a prefix of whole code points within the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.nat(300), (text, max) => {
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (cut === text) return;
        const kept = cut.slice(0, -1);
        expect(text.startsWith(kept.trimEnd())).toBe(true);
        expect(kept).not.toMatch(/[\ud800-\udbff]$/);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
