import type { ServerRouting } from '../db/rules.js';
import type { TicketyEvent } from '../tickety/parse.js';
import { panelOf, subjectUserId } from '../tickety/subject.js';
import { matchesPattern } from './patterns.js';

/** A message to post for one matching routing rule. */
export interface PlannedMessage {
  kind: 'message';
  sourceId: number;
  channelId: string;
  mentionRoleId: string | null;
}

/** A role to give or take for one matching role action. */
export interface PlannedRoleChange {
  kind: 'role';
  sourceId: number;
  roleId: string;
  userId: string;
  mode: 'add' | 'remove';
}

export type PlannedDelivery = PlannedMessage | PlannedRoleChange;

/**
 * Decides what one event causes: a message for every matching rule (fan-out: two rules for the
 * same channel post twice, as configured) and a role change for every matching action whose event
 * names a member.
 */
export function planDeliveries(event: TicketyEvent, routing: ServerRouting): PlannedDelivery[] {
  const planned: PlannedDelivery[] = [];
  const panel = panelOf(event);

  for (const rule of routing.rules) {
    if (!matchesPattern(rule.eventPattern, event.type)) continue;
    if (rule.panelId !== null && rule.panelId !== panel) continue;
    planned.push({
      kind: 'message',
      sourceId: rule.id,
      channelId: rule.channelId,
      mentionRoleId: rule.mentionRoleId,
    });
  }

  const userId = subjectUserId(event);
  if (userId === undefined) return planned;

  for (const action of routing.actions) {
    if (!matchesPattern(action.eventPattern, event.type)) continue;
    planned.push({
      kind: 'role',
      sourceId: action.id,
      roleId: action.roleId,
      userId,
      mode: action.mode,
    });
  }
  return planned;
}
