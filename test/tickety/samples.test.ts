import { describe, expect, it } from 'vitest';

import { EVENT_TYPES } from '../../src/tickety/event-types.js';
import { parseTicketyEvent } from '../../src/tickety/parse.js';
import { sampleEvent } from '../../src/tickety/samples.js';
import { panelOf, subjectUserId } from '../../src/tickety/subject.js';

describe('sampleEvent', () => {
  it.each(EVENT_TYPES)('makes a known %s event that parses again unchanged', (type) => {
    const event = sampleEvent(type);
    expect(event).toMatchObject({ known: true, type });

    const again = parseTicketyEvent({ type, payload: event.payload });
    expect(again.success && again.event).toEqual(event);
  });

  it.each(EVENT_TYPES)('gives %s a member to act on', (type) => {
    expect(subjectUserId(sampleEvent(type))).toMatch(/^\d{17,20}$/);
  });

  it('uses fresh ids on each call', () => {
    const first = sampleEvent('ticket.close');
    const second = sampleEvent('ticket.close');
    expect(first.payload).not.toEqual(second.payload);
  });

  it('dates a closed ticket so that it was open for about two days, ending now', () => {
    const event = sampleEvent('ticket.close');
    if (!event.known || event.type !== 'ticket.close') throw new Error('wrong sample');
    const closed = Date.parse(event.payload.closeDate);
    expect(Math.abs(Date.now() - closed)).toBeLessThan(60_000);
    expect(closed - Date.parse(event.payload.openDate)).toBeGreaterThan(2 * 86_400_000);
  });

  it('makes a transfer whose panel is the new one', () => {
    expect(panelOf(sampleEvent('ticket.transfer'))).toBe('billing');
  });
});
