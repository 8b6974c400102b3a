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

  /** Deletes a rule of this server; a rule of another server is treated as absent. */
  removeRule(guildId: string, id: number): boolean {
    const { changes } = this.#db
      .prepare('DELETE FROM route_rules WHERE id = ? AND guild_id = ?')
      .run(id, guildId);
    this.#cache.delete(guildId);
    return changes > 0;
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

  /** Deletes an action of this server; an action of another server is treated as absent. */
  removeAction(guildId: string, id: number): boolean {
    const { changes } = this.#db
      .prepare('DELETE FROM role_actions WHERE id = ? AND guild_id = ?')
      .run(id, guildId);
    this.#cache.delete(guildId);
    return changes > 0;
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
