import type { RoleAction, RouteRule, ServerRouting } from '../db/rules.js';
import type { TicketyEvent } from '../tickety/parse.js';
import { panelOf, subjectUserId } from '../tickety/subject.js';
import { matchesPattern } from './patterns.js';

/** A message to post in one channel; `sourceId` is the lowest-numbered rule that asked for it. */
export interface PlannedMessage {
  kind: 'message';
  sourceId: number;
  channelId: string;
  mentionRoleId: string | null;
}

/** A role to give or take; `sourceId` is the lowest-numbered action that asked for it. */
export interface PlannedRoleChange {
  kind: 'role';
  sourceId: number;
  roleId: string;
  userId: string;
  mode: 'add' | 'remove';
}

export type PlannedDelivery = PlannedMessage | PlannedRoleChange;

/** A planned delivery with every rule or action that asked for it, lowest id first. */
export type SourcedDelivery = PlannedDelivery & { sourceIds: readonly number[] };

/**
 * Decides what one event causes: at most one message per channel, and at most one change per
 * (role, member, mode). Fan-out across channels stays: rules for #logs and #tickets post in both.
 * When several matching rules name the same channel they become one message, which pings the role
 * of the first of them (by rule id) that names one, so overlapping rules such as `ticket.*` and
 * `ticket.create` never post the same embed twice. Role changes need an event that names a member.
 */
export function planDeliveries(event: TicketyEvent, routing: ServerRouting): SourcedDelivery[] {
  const panel = panelOf(event);
  const rules = byId(routing.rules).filter(
    (rule) =>
      matchesPattern(rule.eventPattern, event.type) &&
      (rule.panelId === null || rule.panelId === panel),
  );
  const planned: SourcedDelivery[] = planMessages(rules);

  const userId = subjectUserId(event);
  if (userId === undefined) return planned;

  const actions = byId(routing.actions).filter((action) =>
    matchesPattern(action.eventPattern, event.type),
  );
  return [...planned, ...planRoleChanges(actions, userId)];
}

function planMessages(rules: readonly RouteRule[]): SourcedDelivery[] {
  const byChannel = new Map<string, PlannedMessage & { sourceIds: number[] }>();
  for (const rule of rules) {
    const message = byChannel.get(rule.channelId);
    if (!message) {
      byChannel.set(rule.channelId, {
        kind: 'message',
        sourceId: rule.id,
        channelId: rule.channelId,
        mentionRoleId: rule.mentionRoleId,
        sourceIds: [rule.id],
      });
      continue;
    }
    message.sourceIds.push(rule.id);
    message.mentionRoleId ??= rule.mentionRoleId;
  }
  return [...byChannel.values()];
}

function planRoleChanges(actions: readonly RoleAction[], userId: string): SourcedDelivery[] {
  const byChange = new Map<string, PlannedRoleChange & { sourceIds: number[] }>();
  for (const action of actions) {
    const key = `${action.roleId}:${action.mode}`;
    const change = byChange.get(key);
    if (change) {
      change.sourceIds.push(action.id);
      continue;
    }
    byChange.set(key, {
      kind: 'role',
      sourceId: action.id,
      roleId: action.roleId,
      userId,
      mode: action.mode,
      sourceIds: [action.id],
    });
  }
  return [...byChange.values()];
}

/** Oldest first, as the store loads them; sorted only when a caller passed them otherwise. */
function byId<T extends { id: number }>(items: readonly T[]): readonly T[] {
  for (let i = 1; i < items.length; i++) {
    if (items[i - 1]!.id > items[i]!.id) return [...items].sort((a, b) => a.id - b.id);
  }
  return items;
}
