import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Database = BetterSqlite3.Database;

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date.
 *
 * WAL lets the HTTP endpoint write while the delivery worker reads; `synchronous = FULL` makes a
 * committed event survive a power cut, not only a crash, because a `200` promises it is stored.
 */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') createFolders(dirname(path));

  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/**
 * Creates the missing folders of `folder` one level at a time. Node's recursive `mkdirSync` never
 * returns under `/proc` (each level answers ENOENT, so it climbs and retries forever); creating
 * each level once turns that into an ordinary error.
 */
function createFolders(folder: string): void {
  const missing: string[] = [];
  let current = resolve(folder);
  // statSync throws for anything but "does not exist" (EACCES, ENOTDIR), which says what to fix.
  while (!statSync(current, { throwIfNoEntry: false })) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing) mkdirSync(level);
}

/** Applies every migration the file has not seen yet. */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/**
 * A random value fixed for the life of this database file. Delivery nonces include it so that a
 * fresh database reusing delivery ids can never collide with messages an older one posted.
 */
export function instanceSalt(db: Database): string {
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'instance_salt'`).get() as
    { value: string } | undefined;
  if (row) return row.value;

  const salt = randomBytes(6).toString('base64url');
  db.prepare(`INSERT INTO meta (key, value) VALUES ('instance_salt', ?)`).run(salt);
  return salt;
}

/** True when the database answers a trivial query. */
export function databaseIsHealthy(db: Database): boolean {
  try {
    return db.prepare('SELECT 1 AS ok').get() !== undefined;
  } catch {
    return false;
  }
}
