import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';

import { renderEvent } from '../../src/render/render-event.js';
import { FAMILY_COLOURS, OUTCOME_COLOURS, UNKNOWN_COLOUR } from '../../src/render/theme.js';
import { parseTicketyEvent, type TicketyEvent } from '../../src/tickety/parse.js';
import { fixtureBody, loadFixtures } from '../helpers/fixtures.js';
import { expectNoForeignMarkup, expectWithinLimits, fieldValue } from './embed-checks.js';

function parsed(body: unknown): TicketyEvent {
  const result = parseTicketyEvent(body);
  if (!result.success) throw new Error(result.reason);
  return result.event;
}

function renderFixture(type: string, changes: Record<string, unknown> = {}): APIEmbed {
  const body = fixtureBody(type);
  Object.assign(body.payload, changes);
  return renderEvent(parsed(body));
}

const TICKET = '<#1347497185532818989> · rma-4471-quillfeather';
const OPENED = '<t:1741338764:f> (<t:1741338764:R>)';

// For each fixture: its title and the facts that must be on the embed.
const EXPECTED: Record<string, { title: string; fields: Record<string, string> }> = {
  'ticket.create': {
    title: 'Ticket opened',
    fields: {
      Ticket: '<#1347497185532818989> · returns-quillfeather',
      'Opened by': '<@854073502861066626>',
      Panel: 'hw-returns',
      'Ticket ID': 'Xk4pR7mQv2TzL9wYc3N',
      Opened: OPENED,
    },
  },
  'ticket.close': {
    title: 'Ticket closed',
    fields: {
      Ticket: TICKET,
      'Closed by': '<@946032624009640467>',
      Reason: 'Replacement unit shipped, tracking sent by DM',
      'Open for': '1 day 4 hours',
      Closed: '<t:1741442539:f> (<t:1741442539:R>)',
      Transcript: '[Open transcript](https://tickety.top/transcripts/Hq8ZtW1nBv5KeLs0YpA)',
      Opened: OPENED,
    },
  },
  'ticket.rename': {
    title: 'Ticket renamed',
    fields: { Ticket: TICKET, Name: 'returns-quillfeather → rma-4471-quillfeather' },
  },
  'ticket.priority': {
    title: 'Ticket priority raised',
    fields: { Ticket: TICKET, Priority: 'Low → High' },
  },
  'ticket.move': {
    title: 'Ticket moved',
    fields: { Ticket: TICKET, Category: '<#1227202012119550015> → <#1296515842703609797>' },
  },
  'ticket.transfer': {
    title: 'Ticket transferred',
    fields: {
      Panel: 'hw-returns → billing-desk',
      Category: '<#1296515842703609797> → <#1227202012119550015>',
    },
  },
  'ticket.claim': { title: 'Ticket claimed', fields: { 'Claimed by': '<@640107946182681825>' } },
  'ticket.unclaim': {
    title: 'Ticket unclaimed',
    fields: { 'Unclaimed by': '<@640107946182681825>' },
  },
  'ticket.add': {
    title: 'User added to ticket',
    fields: { 'Added user': '<@1157785702106558370>' },
  },
  'ticket.remove': {
    title: 'User removed from ticket',
    fields: { 'Removed user': '<@1157785702106558370>' },
  },
  'application.submit': {
    title: 'Application submitted',
    fields: {
      Applicant: '<@740411207320007948>',
      Panel: 'moderator-intake',
      'Application ID': 'Rf2vN8cJx6TpQ1mWs7E',
      Submitted: '<t:1747867623:f> (<t:1747867623:R>)',
    },
  },
  'application.accept': {
    title: 'Application accepted',
    fields: {
      Applicant: '<@740411207320007948>',
      'Reviewed by': '<@946032624009640467>',
      Reason: 'Strong moderation history in two partner servers',
      Reviewed: '<t:1747985458:f> (<t:1747985458:R>)',
    },
  },
  'application.deny': {
    title: 'Application denied',
    fields: {
      'Reviewed by': '<@640107946182681825>',
      Reason: 'Account too new; please reapply after 90 days',
    },
  },
  'verification.pass': {
    title: 'Verification passed',
    fields: { Member: '<@1330506696231545807>', Result: '✅ Verified' },
  },
  'verification.fail': {
    title: 'Verification failed',
    fields: { Member: '<@1378950337007017535>', Result: '❌ Failed' },
  },
};

describe('renderEvent with the shared fixtures', () => {
  it.each(loadFixtures())(
    'renders $type with its title, key facts and footer',
    ({ type, body }) => {
      const expected = EXPECTED[type];
      if (!expected) throw new Error(`no expectations written for ${type}`);
      const embed = renderEvent(parsed(body));

      expect(embed.title).toBe(expected.title);
      for (const [name, value] of Object.entries(expected.fields)) {
        expect(fieldValue(embed, name)).toBe(value);
      }
      expect(embed.footer?.text).toBe(`Tickety · ${type}`);
      expect(embed.fields?.some((field) => field.name === 'Other fields')).toBe(false);
      expectWithinLimits(embed);
      expectNoForeignMarkup(embed);
    },
  );
});

describe('ticket details', () => {
  it.each([[''], ['   '], [null]])(
    'a close event with an empty reason (%j) renders "No reason given"',
    (closeReason) => {
      expect(fieldValue(renderFixture('ticket.close', { closeReason }), 'Reason')).toBe(
        'No reason given',
      );
    },
  );

  it('a close event without a closer says the closer was not sent', () => {
    expect(fieldValue(renderFixture('ticket.close', { closerId: null }), 'Closed by')).toBe(
      'Not sent',
    );
  });

  it('a close event without a transcript has no transcript field', () => {
    const embed = renderFixture('ticket.close', { transcript: '' });
    expect(embed.fields?.map((field) => field.name)).not.toContain('Transcript');
  });

  it('an http transcript is shown as plain text, not a link', () => {
    const value = fieldValue(
      renderFixture('ticket.close', { transcript: 'http://tickety.top/transcripts/abc' }),
      'Transcript',
    );
    expect(value).not.toContain('](');
    expect(value).not.toContain('://');
    expect(value).toContain('tickety.top/transcripts/abc');
  });

  it('a close date before the open date leaves out how long the ticket was open', () => {
    const embed = renderFixture('ticket.close', { closeDate: '2025-03-06T00:00:00.000Z' });
    expect(embed.fields?.map((field) => field.name)).not.toContain('Open for');
  });

  it('uses the event time as the embed timestamp when the payload has one', () => {
    expect(renderFixture('ticket.close').timestamp).toBe('2025-03-08T14:02:19.507Z');
    expect(renderFixture('application.accept').timestamp).toBe('2025-05-23T07:30:58.904Z');
    expect(renderFixture('ticket.create').timestamp).toBe('2025-03-07T09:12:44.318Z');
    // ticket.move only carries the ticket's opening time, which is not when the move happened.
    expect(renderFixture('ticket.move').timestamp).toBeUndefined();
  });

  it('names the direction of a priority change', () => {
    const lowered = renderFixture('ticket.priority', { oldPriority: 3, newPriority: 0 });
    expect(lowered.title).toBe('Ticket priority lowered');
    expect(fieldValue(lowered, 'Priority')).toBe('High → None');
    const same = renderFixture('ticket.priority', { oldPriority: 2, newPriority: 2 });
    expect(same.title).toBe('Ticket priority changed');
    expect(fieldValue(same, 'Priority')).toBe('Medium → Medium');
  });

  it('shows a transfer that keeps its category as unchanged', () => {
    const embed = renderFixture('ticket.transfer', { newCategoryId: '1296515842703609797' });
    expect(fieldValue(embed, 'Category')).toBe('<#1296515842703609797> (unchanged)');
    expect(embed.fields?.filter((field) => field.name === 'Panel')).toHaveLength(1);
  });

  it('renders an inferred ticket.create that carries almost nothing', () => {
    const embed = renderEvent(parsed({ type: 'ticket.create', payload: { ticketId: 'abc' } }));
    expect(embed.title).toBe('Ticket opened');
    expect(fieldValue(embed, 'Ticket')).toBe('Not sent');
    expect(fieldValue(embed, 'Ticket ID')).toBe('abc');
    expectWithinLimits(embed);
  });

  it('an application decision without a reason renders "No reason given"', () => {
    expect(fieldValue(renderFixture('application.deny', { reason: '' }), 'Reason')).toBe(
      'No reason given',
    );
  });

  it('shows an undocumented verification status as sent, escaped', () => {
    expect(fieldValue(renderFixture('verification.fail', { status: 'TIMED_OUT' }), 'Result')).toBe(
      'TIMED\\_OUT',
    );
  });
});

describe('colours', () => {
  it('gives each family its colour, and outcomes green or red', () => {
    expect(renderFixture('ticket.close').color).toBe(FAMILY_COLOURS.ticket);
    expect(renderFixture('application.submit').color).toBe(FAMILY_COLOURS.application);
    expect(renderFixture('application.accept').color).toBe(OUTCOME_COLOURS.positive);
    expect(renderFixture('application.deny').color).toBe(OUTCOME_COLOURS.negative);
    expect(renderFixture('verification.pass').color).toBe(OUTCOME_COLOURS.positive);
    expect(renderFixture('verification.fail').color).toBe(OUTCOME_COLOURS.negative);
  });
});

describe('fields the schema does not know', () => {
  it('lists extra payload keys and extra channel keys under "Other fields"', () => {
    const body = fixtureBody('ticket.close');
    body.payload.closeMessageId = '1347497185532818990';
    body.payload.rating = 5;
    body.payload.tags = ['rma', 'urgent'];
    body.payload.channel = { ...(body.payload.channel as object), topic: 'Returns' };
    const embed = renderEvent(parsed(body));

    expect(fieldValue(embed, 'Other fields').split('\n')).toEqual([
      'closeMessageId: "1347497185532818990"',
      'rating: 5',
      'tags: \\["rma","urgent"]',
      'channel.topic: "Returns"',
    ]);
    expect(embed.fields?.at(-1)?.name).toBe('Other fields');
  });

  it('shortens a long list with a count of what was left out', () => {
    const extras = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`extra${i}`, 'x'.repeat(50)]),
    );
    const value = fieldValue(renderFixture('verification.pass', extras), 'Other fields');
    expect(value.length).toBeLessThanOrEqual(1024);
    expect(value).toMatch(/\n… and \d+ more$/);
  });
});

describe('unknown event types', () => {
  it('renders a generic embed listing the whole payload', () => {
    const embed = renderEvent(
      parsed({ type: 'ticket.reopen', payload: { ticketId: 'abc', count: 2, by: { id: 1 } } }),
    );
    expect(embed.title).toBe('Unknown event type: ticket.reopen');
    expect(embed.description).toContain('ticketId: "abc"\ncount: 2\nby: {"id":1}');
    expect(embed.footer?.text).toBe('Tickety · ticket.reopen');
    expectWithinLimits(embed);
  });

  it('uses the family colour when the name has a known prefix, and grey otherwise', () => {
    expect(renderEvent(parsed({ type: 'ticket.reopen', payload: {} })).color).toBe(
      FAMILY_COLOURS.ticket,
    );
    expect(renderEvent(parsed({ type: 'shop.order', payload: {} })).color).toBe(UNKNOWN_COLOUR);
  });

  it('says so when the payload is empty', () => {
    expect(renderEvent(parsed({ type: 'shop.order', payload: {} })).description).toContain(
      'The payload is empty.',
    );
  });

  it('escapes a type name with markdown in the title', () => {
    const embed = renderEvent(parsed({ type: '**x**', payload: {} }));
    expect(embed.title).toBe('Unknown event type: \\*\\*x\\*\\*');
    expect(embed.footer?.text).toBe('Tickety · **x**');
  });
});

describe('test events', () => {
  it('marks a test event in the title and the footer', () => {
    const embed = renderEvent(parsed(fixtureBody('ticket.close')), { test: true });
    expect(embed.title).toBe('[Test event] Ticket closed');
    expect(embed.footer?.text).toBe('Tickety · ticket.close · Test event, not sent by Tickety');
  });

  it('does not mark a real event', () => {
    const embed = renderEvent(parsed(fixtureBody('ticket.close')), { test: false });
    expect(embed.title).not.toContain('Test');
    expect(embed.footer?.text).not.toContain('Test');
  });
});
