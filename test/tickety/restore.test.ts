import { describe, expect, it } from 'vitest';

import { parseTicketyEvent } from '../../src/tickety/parse.js';
import { restoreEvent } from '../../src/tickety/restore.js';
import { fixtureBody } from '../helpers/fixtures.js';

describe('restoreEvent', () => {
  it('gives back the same event from the stored JSON of a normalised payload', () => {
    const parsed = parseTicketyEvent(fixtureBody('application.accept'));
    if (!parsed.success) throw new Error(parsed.reason);
    const stored = JSON.stringify(parsed.event.payload);
    expect(restoreEvent('application.accept', stored)).toEqual(parsed.event);
  });

  it('accepts an already decoded payload', () => {
    const body = fixtureBody('ticket.add');
    expect(restoreEvent(body.type, body.payload)).toMatchObject({
      known: true,
      type: 'ticket.add',
    });
  });

  it('turns a stored payload that no longer passes into an unknown event, without throwing', () => {
    const stored = JSON.stringify({ userId: 42 });
    expect(restoreEvent('verification.pass', stored)).toEqual({
      known: false,
      type: 'verification.pass',
      payload: { userId: 42 },
    });
  });

  it('wraps text that is not JSON, or JSON that is not an object, as a value', () => {
    expect(restoreEvent('ticket.reopen', 'not json')).toEqual({
      known: false,
      type: 'ticket.reopen',
      payload: { value: 'not json' },
    });
    expect(restoreEvent('ticket.reopen', '[1]').payload).toEqual({ value: [1] });
  });
});
