import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { MIGRATIONS } from '../../src/db/migrations.js';
import { RoutingStore } from '../../src/db/rules.js';
import { tempDir } from '../helpers/temp-db.js';

const GUILD = '1100000000000000001';

/** A database file as the release with the first two migrations left it. */
function databaseAtVersion2(path: string): void {
  const db = new BetterSqlite3(path);
  db.pragma('foreign_keys = ON');
  for (const migration of MIGRATIONS.slice(0, 2)) db.exec(migration);
  db.pragma('user_version = 2');

  const rule = db.prepare(
    `INSERT INTO route_rules (id, guild_id, event_pattern, channel_id, panel_id, mention_role_id, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  rule.run(3, GUILD, 'ticket.*', '21', 'returns', '41', '9', 1_000);
  rule.run(5, GUILD, '*', '22', null, null, null, 2_000);
  db.prepare(
    `INSERT INTO role_actions (id, guild_id, event_pattern, role_id, mode, created_by, created_at)
     VALUES (2, ?, 'verification.pass', '31', 'add', '9', 1_000)`,
  ).run(GUILD);
  // A delivery filed under rule 8, which was removed: a new rule must never get that number.
  db.prepare(
    `INSERT INTO events (id, guild_id, type, payload, received_at) VALUES (1, ?, 'ticket.close', '{}', 1)`,
  ).run(GUILD);
  db.prepare(
    `INSERT INTO deliveries (event_id, guild_id, kind, channel_id, source_id, status, next_attempt_at, updated_at)
     VALUES (1, ?, 'message', '23', 8, 'failed', 1, 1)`,
  ).run(GUILD);
  db.close();
}

describe('migration 3: ids that are never reused', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database;

  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    db?.close();
    dir.remove();
  });

  it('a database at version 2 keeps its rules and actions, ids and all', () => {
    databaseAtVersion2(dir.file('bridge.sqlite'));
    db = openDatabase(dir.file('bridge.sqlite'));

    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(new RoutingStore(db).forGuild(GUILD)).toEqual({
      rules: [
        {
          id: 3,
          guildId: GUILD,
          eventPattern: 'ticket.*',
          channelId: '21',
          panelId: 'returns',
          mentionRoleId: '41',
        },
        {
          id: 5,
          guildId: GUILD,
          eventPattern: '*',
          channelId: '22',
          panelId: null,
          mentionRoleId: null,
        },
      ],
      actions: [
        { id: 2, guildId: GUILD, eventPattern: 'verification.pass', roleId: '31', mode: 'add' },
      ],
    });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const indexes = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'r%' ORDER BY name`,
      )
      .all();
    expect(indexes).toEqual([{ name: 'role_actions_guild' }, { name: 'route_rules_guild' }]);
  });

  it('after migrating, new ids start past every id a rule or its deliveries ever had', () => {
    databaseAtVersion2(dir.file('bridge.sqlite'));
    db = openDatabase(dir.file('bridge.sqlite'));
    const routing = new RoutingStore(db);
    const rule = {
      guildId: GUILD,
      eventPattern: '*',
      channelId: '24',
      panelId: null,
      mentionRoleId: null,
    };

    expect(routing.addRule(rule, null).id).toBe(9);
    expect(
      routing.addAction({ guildId: GUILD, eventPattern: '*', roleId: '32', mode: 'remove' }, null)
        .id,
    ).toBe(3);
  });

  it('removing the highest rule and adding another gives the new one a new id', () => {
    db = openDatabase(dir.file('fresh.sqlite'));
    const routing = new RoutingStore(db);
    const rule = {
      guildId: GUILD,
      eventPattern: '*',
      channelId: '21',
      panelId: null,
      mentionRoleId: null,
    };
    const action = { guildId: GUILD, eventPattern: '*', roleId: '31', mode: 'add' } as const;

    const first = routing.addRule(rule, null);
    routing.removeRule(GUILD, first.id);
    expect(routing.addRule(rule, null).id).toBe(first.id + 1);

    const firstAction = routing.addAction(action, null);
    routing.removeAction(GUILD, firstAction.id);
    expect(routing.addAction(action, null).id).toBe(firstAction.id + 1);
  });
});
