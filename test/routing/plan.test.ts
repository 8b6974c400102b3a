import { describe, expect, it } from 'vitest';
import type { ServerRouting } from '../../src/db/rules.js';
import { isEventPattern, matchesPattern } from '../../src/routing/patterns.js';
import { planDeliveries } from '../../src/routing/plan.js';
import { parseTicketyEvent } from '../../src/tickety/parse.js';
import type { TicketyEvent } from '../../src/tickety/event.js';

const GUILD = '1100000000000000001';

function event(type: string, payload: Record<string, unknown>): TicketyEvent {
  const parsed = parseTicketyEvent({ type, payload });
  if (!parsed.success) throw new Error(parsed.reason);
  return parsed.event;
}

const application = event('application.accept', {
  applicationId: 'app-1',
  panelId: 'staff-intake',
  submitterId: '740411207320007948',
  submitDate: '2025-05-21T22:47:03.126Z',
  reviewerId: '946032624009640467',
  reviewDate: 1747985458904,
  reason: 'ok',
});

function routing(partial: Partial<ServerRouting>): ServerRouting {
  return { rules: [], actions: [], ...partial };
}

function rule(
  id: number,
  eventPattern: string,
  channelId: string,
  panelId: string | null = null,
  mentionRoleId: string | null = null,
) {
  return { id, guildId: GUILD, eventPattern, channelId, panelId, mentionRoleId };
}

function action(id: number, eventPattern: string, roleId: string, mode: 'add' | 'remove') {
  return { id, guildId: GUILD, eventPattern, roleId, mode };
}

const create = event('ticket.create', {
  ticketId: 't',
  panelId: 'support',
  channel: { id: '1347497185532818989', name: 'x' },
  creatorId: '854073502861066626',
  openDate: '2025-03-07T09:12:44.318Z',
});

describe('event patterns', () => {
  it('accepts the 15 types and the four groups, and nothing else', () => {
    expect(isEventPattern('ticket.close')).toBe(true);
    expect(isEventPattern('verification.*')).toBe(true);
    expect(isEventPattern('*')).toBe(true);
    expect(isEventPattern('ticket')).toBe(false);
    expect(isEventPattern('tickets.*')).toBe(false);
  });

  it('a family group matches its own types, including ones Tickety adds later, and no other family', () => {
    expect(matchesPattern('ticket.*', 'ticket.close')).toBe(true);
    expect(matchesPattern('ticket.*', 'ticket.reopen')).toBe(true);
    expect(matchesPattern('ticket.*', 'application.accept')).toBe(false);
    expect(matchesPattern('ticket.close', 'ticket.closed')).toBe(false);
    expect(matchesPattern('*', 'anything.new')).toBe(true);
  });
});

describe('planDeliveries', () => {
  it('fans out to every channel a matching rule names, in rule order', () => {
    const planned = planDeliveries(
      application,
      routing({
        rules: [rule(1, '*', '11'), rule(2, 'ticket.*', '12'), rule(3, 'application.accept', '13')],
      }),
    );
    expect(planned.map((p) => (p.kind === 'message' ? p.channelId : p.roleId))).toEqual([
      '11',
      '13',
    ]);
  });

  it('rules for ticket.* and ticket.create in one channel post once there, pinging the rule that names a role', () => {
    const planned = planDeliveries(
      create,
      routing({
        rules: [rule(1, 'ticket.*', '11'), rule(2, 'ticket.create', '11', null, '41')],
      }),
    );
    expect(planned).toEqual([
      { kind: 'message', sourceId: 1, sourceIds: [1, 2], channelId: '11', mentionRoleId: '41' },
    ]);
  });

  it('when several rules for one channel name a role, the lowest rule id decides the ping', () => {
    const planned = planDeliveries(
      create,
      routing({
        rules: [
          rule(5, '*', '11', null, '45'),
          rule(2, 'ticket.create', '12'),
          rule(3, 'ticket.*', '11', null, '43'),
          rule(4, 'ticket.create', '12', 'support', '44'),
        ],
      }),
    );
    expect(planned).toEqual([
      { kind: 'message', sourceId: 2, sourceIds: [2, 4], channelId: '12', mentionRoleId: '44' },
      { kind: 'message', sourceId: 3, sourceIds: [3, 5], channelId: '11', mentionRoleId: '43' },
    ]);
  });

  it('a panel-limited rule matches only events from that panel', () => {
    const planned = planDeliveries(
      application,
      routing({ rules: [rule(1, '*', '11', 'other-panel'), rule(2, '*', '12', 'staff-intake')] }),
    );
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ kind: 'message', channelId: '12', sourceId: 2 });
  });

  it('a transfer matches rules for the panel the ticket moved to', () => {
    const transfer = event('ticket.transfer', {
      ticketId: 't',
      panelId: 'billing',
      channel: { id: '1347497185532818989', name: 'x' },
      creatorId: '854073502861066626',
      openDate: '2025-03-07T09:12:44.318Z',
      oldCategoryId: '1296515842703609797',
      newCategoryId: '1227202012119550015',
      oldPanelId: 'returns',
      newPanelId: 'billing',
    });
    const planned = planDeliveries(
      transfer,
      routing({ rules: [rule(1, '*', '11', 'returns'), rule(2, '*', '12', 'billing')] }),
    );
    expect(planned.map((p) => p.sourceId)).toEqual([2]);
  });

  it('a role action targets the applicant of an application event', () => {
    const planned = planDeliveries(
      application,
      routing({
        actions: [
          { id: 7, guildId: GUILD, eventPattern: 'application.accept', roleId: '99', mode: 'add' },
        ],
      }),
    );
    expect(planned).toEqual([
      {
        kind: 'role',
        sourceId: 7,
        sourceIds: [7],
        roleId: '99',
        userId: '740411207320007948',
        mode: 'add',
      },
    ]);
  });

  it('overlapping actions change a role once per mode, and opposite modes both stay', () => {
    const planned = planDeliveries(
      application,
      routing({
        actions: [
          action(1, 'application.*', '99', 'add'),
          action(2, 'application.accept', '99', 'add'),
          action(3, '*', '98', 'add'),
          action(4, '*', '99', 'remove'),
        ],
      }),
    );
    expect(planned.map((p) => [p.kind === 'role' && `${p.roleId} ${p.mode}`, p.sourceIds])).toEqual(
      [
        ['99 add', [1, 2]],
        ['98 add', [3]],
        ['99 remove', [4]],
      ],
    );
  });

  it('an unknown event type gets messages from group rules but never a role change', () => {
    const unknown = event('ticket.reopen', { ticketId: 't', creatorId: '854073502861066626' });
    const planned = planDeliveries(
      unknown,
      routing({
        rules: [rule(1, 'ticket.*', '11')],
        actions: [{ id: 1, guildId: GUILD, eventPattern: '*', roleId: '99', mode: 'add' }],
      }),
    );
    expect(planned).toEqual([
      { kind: 'message', sourceId: 1, sourceIds: [1], channelId: '11', mentionRoleId: null },
    ]);
  });
});
