import type { PlannedDelivery } from '../routing/plan.js';
import type { Database } from './database.js';

/** One accepted event with the deliveries it causes, ready to be written. */
export interface EventEntry {
  guildId: string;
  type: string;
  /** The payload as JSON text, serialised by the caller so a bad payload fails alone. */
  payloadJson: string;
  planned: readonly PlannedDelivery[];
  isTest?: boolean;
  receivedAt: number;
}

/**
 * The durable record of accepted events. An event and its planned deliveries are written in one
 * transaction, so an acknowledged event always has its work queued, even after a crash.
 */
export class EventLog {
  readonly #db: Database;
  readonly #insertEvent;
  readonly #insertDelivery;
  readonly #recordAll;

  constructor(db: Database) {
    this.#db = db;
    this.#insertEvent = db.prepare<[string, string, string, number, number]>(
      'INSERT INTO events (guild_id, type, payload, is_test, received_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#insertDelivery = db.prepare(
      `INSERT INTO deliveries (event_id, guild_id, kind, channel_id, mention_role_id, role_id, user_id, mode,
         source_id, status, next_attempt_at, updated_at)
       VALUES (@eventId, @guildId, @kind, @channelId, @mentionRoleId, @roleId, @userId, @mode,
         @sourceId, 'pending', @now, @now)`,
    );
    this.#recordAll = db.transaction((entries: readonly EventEntry[]) =>
      entries.map((entry) => this.#insert(entry)),
    );
  }

  /** Writes every entry in one transaction and returns their event ids, in order. */
  record(entries: readonly EventEntry[]): number[] {
    return this.#recordAll(entries);
  }

  /** Deletes delivered events older than `before`; events with a failed or pending delivery stay. */
  prune(before: number): number {
    const { changes } = this.#db
      .prepare(
        `DELETE FROM events WHERE received_at < ? AND NOT EXISTS (
           SELECT 1 FROM deliveries WHERE deliveries.event_id = events.id AND status != 'delivered')`,
      )
      .run(before);
    return changes;
  }

  #insert(entry: EventEntry): number {
    const { lastInsertRowid } = this.#insertEvent.run(
      entry.guildId,
      entry.type,
      entry.payloadJson,
      entry.isTest ? 1 : 0,
      entry.receivedAt,
    );
    const eventId = Number(lastInsertRowid);

    for (const planned of entry.planned) {
      this.#insertDelivery.run({
        eventId,
        guildId: entry.guildId,
        kind: planned.kind,
        channelId: planned.kind === 'message' ? planned.channelId : null,
        mentionRoleId: planned.kind === 'message' ? planned.mentionRoleId : null,
        roleId: planned.kind === 'role' ? planned.roleId : null,
        userId: planned.kind === 'role' ? planned.userId : null,
        mode: planned.kind === 'role' ? planned.mode : null,
        sourceId: planned.sourceId,
        now: entry.receivedAt,
      });
    }
    return eventId;
  }
}
