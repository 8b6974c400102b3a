/**
 * Numbered schema migrations. Each runs once, in order, inside a transaction; the database's
 * `user_version` records how far it got. Never edit a migration that has shipped: add one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the whole first schema.
  `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE servers (
    guild_id TEXT PRIMARY KEY,
    token_hash BLOB,
    token_set_at INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE route_rules (
    id INTEGER PRIMARY KEY,
    guild_id TEXT NOT NULL,
    event_pattern TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    panel_id TEXT,
    mention_role_id TEXT,
    created_by TEXT,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX route_rules_guild ON route_rules (guild_id);

  CREATE TABLE role_actions (
    id INTEGER PRIMARY KEY,
    guild_id TEXT NOT NULL,
    event_pattern TEXT NOT NULL,
    role_id TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('add', 'remove')),
    created_by TEXT,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX role_actions_guild ON role_actions (guild_id);

  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    guild_id TEXT NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    is_test INTEGER NOT NULL DEFAULT 0,
    received_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX events_guild_received ON events (guild_id, received_at);
  CREATE INDEX events_received ON events (received_at);

  CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    guild_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('message', 'role')),
    channel_id TEXT,
    mention_role_id TEXT,
    role_id TEXT,
    user_id TEXT,
    mode TEXT CHECK (mode IN ('add', 'remove')),
    source_id INTEGER,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    batch_key INTEGER,
    message_id TEXT,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
  CREATE INDEX deliveries_channel_due ON deliveries (channel_id, next_attempt_at)
    WHERE status = 'pending' AND kind = 'message';
  CREATE INDEX deliveries_guild_status ON deliveries (guild_id, status);
  CREATE INDEX deliveries_event ON deliveries (event_id);
  `,
  // 2: queue lookups that cost the same however long the backlog is. A lane reads its next few
  // deliveries in id order from its own index instead of sorting every pending row of the channel.
  `
  DROP INDEX deliveries_channel_due;
  CREATE INDEX deliveries_channel_queue ON deliveries (channel_id, id)
    WHERE status = 'pending' AND kind = 'message';
  CREATE INDEX deliveries_member_queue ON deliveries (guild_id, user_id, id)
    WHERE status = 'pending' AND kind = 'role';
  CREATE INDEX deliveries_batch ON deliveries (batch_key)
    WHERE status = 'pending' AND batch_key IS NOT NULL;
  `,
  // 3: rule and action ids are never reused, so a stale `route remove id:8` cannot delete a newer
  // rule that got the same number. SQLite adds AUTOINCREMENT only to a new table: each is rebuilt
  // with its rows and ids, and its counter starts past every id it or its deliveries ever showed.
  // Nothing references these tables by foreign key (deliveries.source_id is a plain column).
  `
  CREATE TABLE route_rules_next (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id TEXT NOT NULL,
    event_pattern TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    panel_id TEXT,
    mention_role_id TEXT,
    created_by TEXT,
    created_at INTEGER NOT NULL
  ) STRICT;
  INSERT INTO route_rules_next (id, guild_id, event_pattern, channel_id, panel_id, mention_role_id, created_by, created_at)
    SELECT id, guild_id, event_pattern, channel_id, panel_id, mention_role_id, created_by, created_at
    FROM route_rules;
  DROP TABLE route_rules;
  ALTER TABLE route_rules_next RENAME TO route_rules;
  CREATE INDEX route_rules_guild ON route_rules (guild_id);

  CREATE TABLE role_actions_next (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id TEXT NOT NULL,
    event_pattern TEXT NOT NULL,
    role_id TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('add', 'remove')),
    created_by TEXT,
    created_at INTEGER NOT NULL
  ) STRICT;
  INSERT INTO role_actions_next (id, guild_id, event_pattern, role_id, mode, created_by, created_at)
    SELECT id, guild_id, event_pattern, role_id, mode, created_by, created_at FROM role_actions;
  DROP TABLE role_actions;
  ALTER TABLE role_actions_next RENAME TO role_actions;
  CREATE INDEX role_actions_guild ON role_actions (guild_id);

  DELETE FROM sqlite_sequence WHERE name IN ('route_rules', 'role_actions');
  INSERT INTO sqlite_sequence (name, seq) VALUES
    ('route_rules', MAX(
      (SELECT COALESCE(MAX(id), 0) FROM route_rules),
      (SELECT COALESCE(MAX(source_id), 0) FROM deliveries WHERE kind = 'message'))),
    ('role_actions', MAX(
      (SELECT COALESCE(MAX(id), 0) FROM role_actions),
      (SELECT COALESCE(MAX(source_id), 0) FROM deliveries WHERE kind = 'role')));
  `,
];
