import type { Database } from './database.js';

/** A failed delivery as `/tickety status` shows it. */
export interface FailureSummary {
  deliveryId: number;
  eventType: string;
  reason: string;
  at: number;
}

/** What `/tickety status` reports for one server. */
export interface ServerStatus {
  lastEvent: { type: string; receivedAt: number } | null;
  eventsToday: number;
  pending: number;
  failed: number;
  recentFailures: FailureSummary[];
}

/** Read-only figures about one server's events and deliveries. */
export class ServerStats {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * Figures for one server. "Today" is the UTC day, because that is when Tickety's free tier
   * resets its 100-events-a-day counter. Test events are not counted: they cost no quota.
   */
  forGuild(guildId: string, now = Date.now()): ServerStatus {
    const startOfDay = Date.UTC(
      new Date(now).getUTCFullYear(),
      new Date(now).getUTCMonth(),
      new Date(now).getUTCDate(),
    );

    const lastEvent = this.#db
      .prepare<[string], { type: string; received_at: number }>(
        'SELECT type, received_at FROM events WHERE guild_id = ? AND is_test = 0 ORDER BY id DESC LIMIT 1',
      )
      .get(guildId);
    const today = this.#db
      .prepare<[string, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM events WHERE guild_id = ? AND is_test = 0 AND received_at >= ?',
      )
      .get(guildId, startOfDay);
    const counts = this.#db
      .prepare<[string], { status: string; n: number }>(
        `SELECT status, COUNT(*) AS n FROM deliveries WHERE guild_id = ? AND status != 'delivered' GROUP BY status`,
      )
      .all(guildId);
    const failures = this.#db
      .prepare<
        [string],
        { id: number; type: string; last_error: string | null; updated_at: number }
      >(
        `SELECT d.id, e.type, d.last_error, d.updated_at FROM deliveries d JOIN events e ON e.id = d.event_id
         WHERE d.guild_id = ? AND d.status = 'failed' ORDER BY d.updated_at DESC, d.id DESC LIMIT 5`,
      )
      .all(guildId);

    return {
      lastEvent: lastEvent ? { type: lastEvent.type, receivedAt: lastEvent.received_at } : null,
      eventsToday: today?.n ?? 0,
      pending: counts.find((row) => row.status === 'pending')?.n ?? 0,
      failed: counts.find((row) => row.status === 'failed')?.n ?? 0,
      recentFailures: failures.map((row) => ({
        deliveryId: row.id,
        eventType: row.type,
        reason: row.last_error ?? 'Unknown error.',
        at: row.updated_at,
      })),
    };
  }
}
