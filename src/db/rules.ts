import { planDeliveries } from '../routing/plan.js';
import { restoreEvent } from '../tickety/restore.js';
import type { Database } from './database.js';

/** A routing rule: events matching the pattern (and panel, if set) are posted in the channel. */
export interface RouteRule {
  id: number;
  guildId: string;
  eventPattern: string;
  channelId: string;
  panelId: string | null;
  mentionRoleId: string | null;
}

/** A role action: on a matching event, give or take a role from the member it is about. */
export interface RoleAction {
  id: number;
  guildId: string;
  eventPattern: string;
  roleId: string;
  mode: 'add' | 'remove';
}

/**
 * What removing a rule or action did: whether it existed, and how many of its deliveries that
 * were still waiting or failed went with it.
 */
export interface Removal {
  removed: boolean;
  droppedDeliveries: number;
}

/** Everything that decides where one server's events go. */
export interface ServerRouting {
  rules: readonly RouteRule[];
  actions: readonly RoleAction[];
}

interface RuleRow {
  id: number;
  guild_id: string;
  event_pattern: string;
  channel_id: string;
  panel_id: string | null;
  mention_role_id: string | null;
}

interface WaitingDeliveryRow {
  id: number;
  channel_id: string | null;
  role_id: string | null;
  user_id: string | null;
  mode: 'add' | 'remove' | null;
  type: string;
  payload: string;
}

interface ActionRow {
  id: number;
  guild_id: string;
  event_pattern: string;
  role_id: string;
  mode: 'add' | 'remove';
}

/**
 * Routing rules and role actions, kept in SQLite and cached per server: every incoming event
 * needs them, while they change only when an admin runs a command.
 */
export class RoutingStore {
  readonly #db: Database;
  readonly #cache = new Map<string, ServerRouting>();

  constructor(db: Database) {
    this.#db = db;
  }

  /** The rules and actions of one server, oldest first. */
  forGuild(guildId: string): ServerRouting {
    let routing = this.#cache.get(guildId);
    if (!routing) {
      routing = { rules: this.#loadRules(guildId), actions: this.#loadActions(guildId) };
      this.#cache.set(guildId, routing);
    }
    return routing;
  }

  addRule(rule: Omit<RouteRule, 'id'>, createdBy: string | null, now = Date.now()): RouteRule {
    const { lastInsertRowid } = this.#db
      .prepare(
        `INSERT INTO route_rules (guild_id, event_pattern, channel_id, panel_id, mention_role_id, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        rule.guildId,
        rule.eventPattern,
        rule.channelId,
        rule.panelId,
        rule.mentionRoleId,
        createdBy,
        now,
      );
    this.#cache.delete(rule.guildId);
    return { ...rule, id: Number(lastInsertRowid) };
  }

  /**
   * Deletes a rule of this server, with its deliveries that are still pending or failed; a rule of
   * another server is treated as absent. The events stay stored.
   */
  removeRule(guildId: string, id: number): Removal {
    return this.#remove(guildId, id, 'message');
  }

  addAction(
    action: Omit<RoleAction, 'id'>,
    createdBy: string | null,
    now = Date.now(),
  ): RoleAction {
    const { lastInsertRowid } = this.#db
      .prepare(
        `INSERT INTO role_actions (guild_id, event_pattern, role_id, mode, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(action.guildId, action.eventPattern, action.roleId, action.mode, createdBy, now);
    this.#cache.delete(action.guildId);
    return { ...action, id: Number(lastInsertRowid) };
  }

  /**
   * Deletes an action of this server, with its role changes that are still pending or failed; an
   * action of another server is treated as absent. The events stay stored.
   */
  removeAction(guildId: string, id: number): Removal {
    return this.#remove(guildId, id, 'role');
  }

  #remove(guildId: string, id: number, kind: 'message' | 'role'): Removal {
    const table = kind === 'message' ? 'route_rules' : 'role_actions';
    const removal = this.#db.transaction((): Removal => {
      const channelId =
        kind === 'message'
          ? (this.#db
              .prepare<[number, string], { channel_id: string }>(
                'SELECT channel_id FROM route_rules WHERE id = ? AND guild_id = ?',
              )
              .get(id, guildId)?.channel_id ?? null)
          : null;
      const { changes } = this.#db
        .prepare(`DELETE FROM ${table} WHERE id = ? AND guild_id = ?`)
        .run(id, guildId);
      if (changes === 0) return { removed: false, droppedDeliveries: 0 };
      this.#cache.delete(guildId);
      return {
        removed: true,
        droppedDeliveries: this.#replanWaiting(guildId, id, kind, channelId),
      };
    })();
    this.#cache.delete(guildId);
    return removal;
  }

  /**
   * A delivery records only the lowest-numbered rule (or action) that asked for it, so when that
   * one goes, the event is planned again with what is left: if another rule still sends it to the
   * same channel (or another action makes the same change), the delivery stays under that rule's
   * id (and with the ping that is left); otherwise it is deleted, because it could only go where
   * the removed one pointed. Rules and actions number their ids separately, hence the kind. For a
   * rule, every delivery waiting for its channel is planned again, not only those it is recorded
   * for: a rule with a higher id may have given them their ping, which must go with it.
   */
  #replanWaiting(
    guildId: string,
    sourceId: number,
    kind: 'message' | 'role',
    channelId: string | null,
  ): number {
    const waiting = this.#db
      .prepare<[string, string, number, string | null], WaitingDeliveryRow>(
        `SELECT d.id, d.channel_id, d.role_id, d.user_id, d.mode, e.type, e.payload
         FROM deliveries d JOIN events e ON e.id = d.event_id
         WHERE d.guild_id = ? AND d.kind = ? AND (d.source_id = ? OR d.channel_id = ?)
           AND d.status IN ('pending', 'failed')`,
      )
      .all(guildId, kind, sourceId, channelId);
    if (waiting.length === 0) return 0;

    const routing = this.forGuild(guildId);
    const reassign = this.#db.prepare<[number, string | null, number]>(
      `UPDATE deliveries SET source_id = ?, mention_role_id = ? WHERE id = ?`,
    );
    const drop = this.#db.prepare<[number]>('DELETE FROM deliveries WHERE id = ?');
    let dropped = 0;
    for (const row of waiting) {
      const still = planDeliveries(restoreEvent(row.type, row.payload), routing).find((planned) =>
        planned.kind === 'message'
          ? planned.channelId === row.channel_id
          : planned.roleId === row.role_id &&
            planned.userId === row.user_id &&
            planned.mode === row.mode,
      );
      if (still && still.kind === kind) {
        reassign.run(still.sourceId, still.kind === 'message' ? still.mentionRoleId : null, row.id);
      } else {
        drop.run(row.id);
        dropped++;
      }
    }
    return dropped;
  }

  #loadRules(guildId: string): RouteRule[] {
    const rows = this.#db
      .prepare<[string], RuleRow>('SELECT * FROM route_rules WHERE guild_id = ? ORDER BY id')
      .all(guildId);
    return rows.map((row) => ({
      id: row.id,
      guildId: row.guild_id,
      eventPattern: row.event_pattern,
      channelId: row.channel_id,
      panelId: row.panel_id,
      mentionRoleId: row.mention_role_id,
    }));
  }

  #loadActions(guildId: string): RoleAction[] {
    const rows = this.#db
      .prepare<[string], ActionRow>('SELECT * FROM role_actions WHERE guild_id = ? ORDER BY id')
      .all(guildId);
    return rows.map((row) => ({
      id: row.id,
      guildId: row.guild_id,
      eventPattern: row.event_pattern,
      roleId: row.role_id,
      mode: row.mode,
    }));
  }
}
