import { describe, expect, it } from 'vitest';

import { parseTicketyEvent, type TicketyEvent } from '../../src/tickety/parse.js';
import { panelOf, subjectUserId } from '../../src/tickety/subject.js';
import { fixtureBody } from '../helpers/fixtures.js';

function fixtureEvent(type: string): TicketyEvent {
  const result = parseTicketyEvent(fixtureBody(type));
  if (!result.success) throw new Error(result.reason);
  return result.event;
}

describe('subjectUserId', () => {
  it.each([
    ['application.submit', '740411207320007948'],
    ['application.accept', '740411207320007948'],
    ['application.deny', '740411207320007948'],
    ['verification.pass', '1330506696231545807'],
    ['verification.fail', '1378950337007017535'],
    ['ticket.add', '1157785702106558370'],
    ['ticket.remove', '1157785702106558370'],
    ['ticket.create', '854073502861066626'],
    ['ticket.close', '854073502861066626'],
    ['ticket.claim', '854073502861066626'],
    ['ticket.transfer', '854073502861066626'],
  ])('for %s is %s', (type, userId) => {
    expect(subjectUserId(fixtureEvent(type))).toBe(userId);
  });

  it('is the applicant, not the reviewer, on an accepted application', () => {
    const event = fixtureEvent('application.accept');
    expect(subjectUserId(event)).not.toBe('946032624009640467');
  });

  it('is undefined for an unknown event type, even one carrying a userId', () => {
    const event: TicketyEvent = {
      known: false,
      type: 'verification.expire',
      payload: { userId: '1330506696231545807' },
    };
    expect(subjectUserId(event)).toBeUndefined();
  });

  it('is undefined for a ticket.create that did not send its creator', () => {
    const result = parseTicketyEvent({ type: 'ticket.create', payload: { ticketId: 'x' } });
    expect(result.success && subjectUserId(result.event)).toBeUndefined();
  });
});

describe('panelOf', () => {
  it('is the ticket panel for ticket events and the application panel for applications', () => {
    expect(panelOf(fixtureEvent('ticket.close'))).toBe('hw-returns');
    expect(panelOf(fixtureEvent('application.deny'))).toBe('moderator-intake');
  });

  it('is the new panel after a transfer, even if panelId disagreed', () => {
    const body = fixtureBody('ticket.transfer');
    body.payload.panelId = 'hw-returns';
    const result = parseTicketyEvent(body);
    expect(result.success && panelOf(result.event)).toBe('billing-desk');
  });

  it('is undefined for verification events, which have no panel', () => {
    expect(panelOf(fixtureEvent('verification.pass'))).toBeUndefined();
    expect(panelOf(fixtureEvent('verification.fail'))).toBeUndefined();
  });

  it('reads a string panelId from an unknown event, and ignores other kinds of value', () => {
    expect(panelOf({ known: false, type: 'ticket.reopen', payload: { panelId: 'vip' } })).toBe(
      'vip',
    );
    expect(
      panelOf({ known: false, type: 'ticket.reopen', payload: { panelId: 7 } }),
    ).toBeUndefined();
    expect(panelOf({ known: false, type: 'ticket.reopen', payload: {} })).toBeUndefined();
  });
});
