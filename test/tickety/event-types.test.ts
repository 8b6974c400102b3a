import { describe, expect, it } from 'vitest';

import {
  EVENT_FAMILIES,
  EVENT_TYPES,
  familyOf,
  familyOfName,
  isKnownEventType,
} from '../../src/tickety/event-types.js';

describe('event types', () => {
  it('lists the 15 documented event names once each', () => {
    expect(EVENT_TYPES).toHaveLength(15);
    expect(new Set(EVENT_TYPES).size).toBe(15);
  });

  it('recognises every listed name and nothing else, including prototype names', () => {
    for (const type of EVENT_TYPES) expect(isKnownEventType(type)).toBe(true);
    for (const other of [
      'ticket.reopen',
      'Ticket.Close',
      '',
      'constructor',
      '__proto__',
      'ticket',
    ]) {
      expect(isKnownEventType(other)).toBe(false);
    }
  });

  it('puts each type in the family named before its dot', () => {
    expect(familyOf('ticket.close')).toBe('ticket');
    expect(familyOf('application.deny')).toBe('application');
    expect(familyOf('verification.pass')).toBe('verification');
    for (const type of EVENT_TYPES) expect(EVENT_FAMILIES).toContain(familyOf(type));
  });

  it('counts 10 ticket, 3 application and 2 verification events', () => {
    const counts = EVENT_TYPES.map(familyOf).reduce<Record<string, number>>((acc, family) => {
      acc[family] = (acc[family] ?? 0) + 1;
      return acc;
    }, {});
    expect(counts).toEqual({ ticket: 10, application: 3, verification: 2 });
  });

  it('finds the family of a type Tickety may add later, and none for foreign prefixes', () => {
    expect(familyOfName('ticket.reopen')).toBe('ticket');
    expect(familyOfName('billing.paid')).toBeUndefined();
    expect(familyOfName('.close')).toBeUndefined();
    expect(familyOfName('ticket')).toBeUndefined();
  });
});
