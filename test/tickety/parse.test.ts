import { describe, expect, it } from 'vitest';

import { EVENT_TYPES } from '../../src/tickety/event-types.js';
import { parseTicketyEvent, type TicketyEvent } from '../../src/tickety/parse.js';
import { fixtureBody, loadFixtures } from '../helpers/fixtures.js';

function accepted(body: unknown): TicketyEvent {
  const result = parseTicketyEvent(body);
  if (!result.success) throw new Error(`expected success, got: ${result.reason}`);
  return result.event;
}

function reasonFor(body: unknown): string {
  const result = parseTicketyEvent(body);
  if (result.success) throw new Error(`expected a failure for ${JSON.stringify(body)}`);
  return result.reason;
}

function withPayload(type: string, changes: Record<string, unknown>) {
  const body = fixtureBody(type);
  Object.assign(body.payload, changes);
  return body;
}

describe('parseTicketyEvent with the shared fixtures', () => {
  const fixtures = loadFixtures();

  it('finds one fixture for each of the 15 event types', () => {
    expect(fixtures.map((fixture) => fixture.type)).toEqual([...EVENT_TYPES].sort());
  });

  it.each(fixtures)('accepts the $type fixture as a known event of that type', ({ type, body }) => {
    const event = accepted(body);
    expect(event.known).toBe(true);
    expect(event.type).toBe(type);
    expect(body.type).toBe(type);
  });

  it('keeps every fixture value that is not a date exactly as sent', () => {
    for (const { body } of fixtures) {
      const event = accepted(body);
      for (const [key, value] of Object.entries(body.payload)) {
        if (/Date$/.test(key)) continue;
        expect(event.payload[key]).toEqual(value);
      }
    }
  });

  it('keeps ISO dates as the same instant in ISO-8601 UTC form', () => {
    const event = accepted(fixtureBody('ticket.close'));
    expect(event.payload.openDate).toBe('2025-03-07T09:12:44.318Z');
    expect(event.payload.closeDate).toBe('2025-03-08T14:02:19.507Z');
  });
});

describe('date normalisation', () => {
  it('turns the epoch-millisecond reviewDate into an ISO-8601 UTC string', () => {
    const event = accepted(fixtureBody('application.accept'));
    expect(event.payload.reviewDate).toBe('2025-05-23T07:30:58.904Z');
    expect(event.payload.reviewDate).toBe(new Date(1747985458904).toISOString());
  });

  it('accepts epoch milliseconds for a field that is normally an ISO string', () => {
    const event = accepted(withPayload('ticket.close', { closeDate: 1741442539507 }));
    expect(event.payload.closeDate).toBe('2025-03-08T14:02:19.507Z');
  });

  it('accepts an ISO string for reviewDate, and an offset date converted to UTC', () => {
    const iso = accepted(
      withPayload('application.deny', { reviewDate: '2025-05-23T07:30:58.904Z' }),
    );
    expect(iso.payload.reviewDate).toBe('2025-05-23T07:30:58.904Z');
    const offset = accepted(
      withPayload('application.deny', { reviewDate: '2025-05-23T09:30:58+02:00' }),
    );
    expect(offset.payload.reviewDate).toBe('2025-05-23T07:30:58.000Z');
  });

  it('accepts an RFC 2822 date, which names its zone', () => {
    const event = accepted(
      withPayload('ticket.create', { openDate: 'Fri, 07 Mar 2025 09:12:44 GMT' }),
    );
    expect(event.payload.openDate).toBe('2025-03-07T09:12:44.000Z');
  });

  it.each([
    ['not a date', 'yesterday'],
    ['an impossible day', '2025-02-30T10:00:00Z'],
    ['a time without a zone', '2025-03-07T09:12:44'],
    ['a day/month order that depends on the country', '03/07/2025 10:00 GMT'],
    ['an empty string', ''],
    ['a boolean', true],
    ['a negative epoch', -5],
    ['an epoch past year 9999', 1e17],
  ])('refuses %s as openDate with a reason naming the path', (_label, openDate) => {
    const reason = reasonFor(withPayload('ticket.close', { openDate }));
    expect(reason).toMatch(/^payload\.openDate: expected a date/);
  });
});

describe('Discord ids', () => {
  it('refuses an id sent as a JSON number, saying it has lost precision', () => {
    // As a JSON parser reads it: 946032624009640467 comes back as 946032624009640400.
    const closerId: unknown = JSON.parse('946032624009640467');
    const reason = reasonFor(withPayload('ticket.close', { closerId }));
    expect(reason).toMatch(/^payload\.closerId: expected a Discord id \(string of 17-20 digits\)/);
    expect(reason).toContain('lost precision');
  });

  it.each(['12345', '123456789012345678901', 'abcdefghijklmnopqr', ' 946032624009640467'])(
    'refuses the id %j with the expected shape in the reason',
    (id) => {
      expect(reasonFor(withPayload('ticket.add', { addedUser: id }))).toBe(
        'payload.addedUser: expected a Discord id (string of 17-20 digits)',
      );
    },
  );

  it('names the nested path of a bad channel id', () => {
    const body = fixtureBody('ticket.move');
    body.payload.channel = { id: 'general', name: 'x' };
    expect(reasonFor(body)).toBe(
      'payload.channel.id: expected a Discord id (string of 17-20 digits)',
    );
  });
});

describe('required and optional fields', () => {
  it('says a required field is missing', () => {
    const body = fixtureBody('ticket.unclaim');
    delete body.payload.unclaimedBy;
    expect(reasonFor(body)).toBe(
      'payload.unclaimedBy: missing; expected a Discord id (string of 17-20 digits)',
    );
  });

  it('says which kind of value a plain text field expected', () => {
    expect(reasonFor(withPayload('verification.pass', { verificationId: 42 }))).toBe(
      'payload.verificationId: expected a string, got a number',
    );
  });

  it('counts the further problems without listing them', () => {
    expect(reasonFor({ type: 'verification.fail', payload: {} })).toBe(
      'payload.verificationId: missing; expected a string (and 2 more)',
    );
  });

  it('accepts a close event without reason, transcript or closer, and with them null', () => {
    const absent = fixtureBody('ticket.close');
    delete absent.payload.closeReason;
    delete absent.payload.transcript;
    delete absent.payload.closerId;
    expect(accepted(absent).payload.closeReason).toBeUndefined();

    const nulls = accepted(withPayload('ticket.close', { closeReason: null, transcript: null }));
    expect(nulls.payload.closeReason).toBeUndefined();
    expect(nulls.payload.transcript).toBeUndefined();
  });

  it('accepts the undocumented ticket events with only some of their inferred fields', () => {
    expect(accepted({ type: 'ticket.create', payload: { ticketId: 'abc' } }).known).toBe(true);
    expect(accepted({ type: 'ticket.rename', payload: { newName: 'x' } }).known).toBe(true);
    expect(accepted({ type: 'ticket.claim', payload: {} }).known).toBe(true);
  });

  it('still checks an inferred field when it is sent', () => {
    const body: unknown = JSON.parse(
      '{"type":"ticket.claim","payload":{"claimedBy":640107946182681825}}',
    );
    expect(reasonFor(body)).toMatch(/^payload\.claimedBy: .*lost precision/);
  });

  it('refuses priorities outside 0-3 and non-integers', () => {
    for (const newPriority of [4, -1, 1.5, '3']) {
      expect(reasonFor(withPayload('ticket.priority', { newPriority }))).toMatch(
        /^payload\.newPriority: expected a priority level \(0, 1, 2 or 3\)/,
      );
    }
  });
});

describe('extra fields', () => {
  it('keeps unknown payload keys, top level and inside channel, with their values', () => {
    const body = fixtureBody('ticket.close');
    body.payload.closeMessageId = '1347497185532818990';
    body.payload.tags = ['rma', { urgent: true }];
    body.payload.channel = { ...(body.payload.channel as object), topic: 'Returns' };
    const event = accepted(body);
    expect(event.payload.closeMessageId).toBe('1347497185532818990');
    expect(event.payload.tags).toEqual(['rma', { urgent: true }]);
    expect(event.payload.channel).toEqual({
      id: '1347497185532818989',
      name: 'rma-4471-quillfeather',
      topic: 'Returns',
    });
  });

  it('tolerates extra top-level keys in the envelope', () => {
    const body = { ...fixtureBody('verification.pass'), guild: 'x', version: 3 };
    expect(accepted(body).type).toBe('verification.pass');
  });
});

describe('unknown event types', () => {
  it('accepts an unknown type with its payload untouched', () => {
    const payload = { ticketId: 'abc', count: 3, nested: { a: [1, 2] }, reopenDate: 'whenever' };
    const event = accepted({ type: 'ticket.reopen', payload });
    expect(event).toEqual({ known: false, type: 'ticket.reopen', payload });
  });

  it('accepts a type of exactly 64 characters and refuses 65', () => {
    expect(accepted({ type: 'x'.repeat(64), payload: {} }).known).toBe(false);
    expect(reasonFor({ type: 'x'.repeat(65), payload: {} })).toMatch(/^type: .*64 characters/);
  });

  it('refuses an empty or blank type, and one with control characters', () => {
    expect(reasonFor({ type: '', payload: {} })).toMatch(/^type: /);
    expect(reasonFor({ type: '   ', payload: {} })).toMatch(/^type: /);
    expect(reasonFor({ type: 'ticket.\nclose', payload: {} })).toMatch(/^type: .*control/);
  });

  it('still requires an object payload for an unknown type', () => {
    expect(reasonFor({ type: 'ticket.reopen', payload: [1, 2] })).toBe(
      'payload: expected an object, got an array',
    );
  });
});

describe('malformed envelopes', () => {
  it.each([
    ['an array body', [], 'body: expected a JSON object, got an array'],
    ['a string body', 'ticket.close', 'body: expected a JSON object, got a string'],
    ['a null body', null, 'body: expected a JSON object, got null'],
    ['a missing type', { payload: {} }, 'type: missing; expected a string'],
    ['a numeric type', { type: 7, payload: {} }, 'type: expected a string, got a number'],
    ['a missing payload', { type: 'ticket.close' }, 'payload: missing; expected an object'],
    [
      'a null payload',
      { type: 'ticket.close', payload: null },
      'payload: expected an object, got null',
    ],
    [
      'a string payload',
      { type: 'ticket.close', payload: '{}' },
      'payload: expected an object, got a string',
    ],
  ])('refuses %s with a short reason', (_label, body, reason) => {
    expect(reasonFor(body)).toBe(reason);
  });

  it('keeps every reason short', () => {
    const body = { type: 'ticket.close', payload: { ticketId: 1 } };
    expect(reasonFor(body).length).toBeLessThanOrEqual(300);
  });
});
