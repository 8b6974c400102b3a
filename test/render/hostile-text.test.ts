import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';

import { renderEvent } from '../../src/render/render-event.js';
import { parseTicketyEvent } from '../../src/tickety/parse.js';
import { fixtureBody } from '../helpers/fixtures.js';
import {
  embedTexts,
  expectNoForeignMarkup,
  expectWithinLimits,
  fieldValue,
} from './embed-checks.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function renderClose(changes: Record<string, unknown>): APIEmbed {
  const body = fixtureBody('ticket.close');
  Object.assign(body.payload, changes);
  const result = parseTicketyEvent(body);
  if (!result.success) throw new Error(result.reason);
  return renderEvent(result.event);
}

const HOSTILE = [
  '@everyone free nitro',
  '@here look',
  '<@&123456789012345678> ping the mods',
  '<@854073502861066626> <@!854073502861066626>',
  '<#1347497185532818989>',
  '</tickety setup:1234567890123456789>',
  '[click me](https://evil.example/steal)',
  '[a](https://x.example) [b](https://y.example)',
  '```\n# escaped?\n```',
  '`inline` **bold** __under__ ||spoiler|| ~~gone~~',
  '> quoted\n-# tiny\n# Heading',
  '@\u200beveryone and @\u2060here and @\u202eeveryone',
  '<\u200b@&1> <\u202e@&2>',
  'https://discord.gg/evil',
];

describe('hostile user text', () => {
  it.each(HOSTILE)('in a close reason, never pings, links or formats: %j', (text) => {
    const embed = renderClose({ closeReason: text });
    expectNoForeignMarkup(embed);
    expectWithinLimits(embed);
    const reason = fieldValue(embed, 'Reason');
    expect(reason).not.toMatch(/(^|[^\\])(\\\\)*(\*\*|__|~~|\|\||`)/);
  });

  it.each(HOSTILE)('in a channel name, panel and ticket id, stays text: %j', (text) => {
    const embed = renderClose({
      channel: { id: '1347497185532818989', name: text },
      panelId: text,
      ticketId: text,
    });
    expectNoForeignMarkup(embed);
    expect(fieldValue(embed, 'Ticket').startsWith('<#1347497185532818989> · ')).toBe(true);
  });

  it.each(HOSTILE)('as an unknown field key and value, stays text: %j', (text) => {
    const embed = renderClose({ [text]: text });
    expectNoForeignMarkup(embed);
    expectWithinLimits(embed);
  });

  it('keeps the role id of "<@&123>" visible but not as a mention', () => {
    const reason = fieldValue(renderClose({ closeReason: '<@&123>' }), 'Reason');
    expect(reason).toBe('<\u200b@&123>');
  });

  it('keeps a 5000-character word within the field limit, ending with the mark', () => {
    const embed = renderClose({ closeReason: 'A'.repeat(5000) });
    const reason = fieldValue(embed, 'Reason');
    expect(reason.length).toBeLessThanOrEqual(1024);
    expect(reason.endsWith('…')).toBe(true);
    expectWithinLimits(embed);
  });

  it('never splits an emoji placed exactly at the truncation boundary', () => {
    // The reason is cut to 1000 units (999 + mark); put a surrogate pair across 998/999, a ZWJ
    // family across the boundary, and flags after it.
    for (const filler of [997, 998, 999]) {
      const text = `${'a'.repeat(filler)}😀👨‍👩‍👧‍👦🇳🇱${'😀'.repeat(50)}`;
      const reason = fieldValue(renderClose({ closeReason: text }), 'Reason');
      expect(reason).not.toMatch(LONE_SURROGATE);
      expect(reason.endsWith('…')).toBe(true);
      const kept = reason.slice(0, -1);
      expect(text.startsWith(kept)).toBe(true);
      expect(kept.endsWith('\u200d')).toBe(false);
    }
  });

  it('replaces half surrogate pairs sent in the payload', () => {
    const embed = renderClose({ closeReason: 'bad \ud83d half', unknownKey: '\udc00' });
    for (const text of embedTexts(embed)) expect(text).not.toMatch(LONE_SURROGATE);
  });

  it('stays within every limit when every text field is huge', () => {
    const huge = '🙂*_'.repeat(3000);
    const body = fixtureBody('ticket.transfer');
    Object.assign(body.payload, {
      ticketId: huge,
      panelId: huge,
      oldPanelId: huge,
      newPanelId: huge,
      channel: { id: '1347497185532818989', name: huge, topic: huge },
      ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`${huge}${i}`, huge])),
    });
    const result = parseTicketyEvent(body);
    if (!result.success) throw new Error(result.reason);
    const embed = renderEvent(result.event, { test: true });
    expectWithinLimits(embed);
    expect(embed.title).toBe('[Test event] Ticket transferred');
  });
});
