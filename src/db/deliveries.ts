import type { Database } from './database.js';

interface DeliveryBase {
  id: number;
  eventId: number;
  guildId: string;
  attempts: number;
  eventType: string;
  eventPayload: string;
  isTest: boolean;
}

/** A message waiting to be posted; `batchKey` is set once it was sent as part of a batch. */
export interface MessageDelivery extends DeliveryBase {
  kind: 'message';
  channelId: string;
  mentionRoleId: string | null;
  batchKey: number | null;
}

/** A role change waiting to be made. */
export interface RoleDelivery extends DeliveryBase {
  kind: 'role';
  roleId: string;
  userId: string;
  mode: 'add' | 'remove';
}

export type Delivery = MessageDelivery | RoleDelivery;

/**
 * Deliveries that must go out one after another: the messages of one channel (so they keep their
 * order and can share a message), or the role changes of one member.
 */
export type Lane =
  { kind: 'message'; channelId: string } | { kind: 'role'; guildId: string; userId: string };

interface DeliveryRow {
  id: number;
  event_id: number;
  guild_id: string;
  kind: 'message' | 'role';
  channel_id: string | null;
  mention_role_id: string | null;
  role_id: string | null;
  user_id: string | null;
  mode: 'add' | 'remove' | null;
  attempts: number;
  batch_key: number | null;
  type: string;
  payload: string;
  is_test: number;
}

/** Pending deliveries with their events, optionally through a named index. */
const selectPending = (index?: string): string => `
  SELECT d.id, d.event_id, d.guild_id, d.kind, d.channel_id, d.mention_role_id, d.role_id,
         d.user_id, d.mode, d.attempts, d.batch_key, e.type, e.payload, e.is_test
  FROM deliveries d ${index ? `INDEXED BY ${index}` : ''} JOIN events e ON e.id = d.event_id
  WHERE d.status = 'pending'`;

/**
 * Due deliveries of one lane, through the lane's own index (see migration 2): SQLite could
 * otherwise pick one that makes it walk the whole backlog to find a lane's next few.
 */
const selectDue = (index: string): string =>
  `${selectPending(index)} AND d.next_attempt_at <= @now`;

/** The delivery queue: what is due, lane by lane, and what became of each attempt. */
export class DeliveryQueue {
  readonly #db: Database;
  readonly #statements;

  constructor(db: Database) {
    this.#db = db;
    this.#statements = {
      lanes: db.prepare<
        { now: number; limit: number },
        {
          kind: 'message' | 'role';
          guild_id: string;
          channel_id: string | null;
          user_id: string | null;
        }
      >(
        `SELECT kind, guild_id, channel_id, user_id FROM deliveries
         WHERE status = 'pending' AND next_attempt_at <= @now
         GROUP BY kind, channel_id, guild_id, user_id ORDER BY MIN(id) LIMIT @limit`,
      ),
      channel: db.prepare<{ now: number; channelId: string; limit: number }, DeliveryRow>(
        `${selectDue('deliveries_channel_queue')} AND d.kind = 'message' AND d.channel_id = @channelId
         ORDER BY d.id LIMIT @limit`,
      ),
      batchMembers: db.prepare<{ batchKey: number }, DeliveryRow>(
        `${selectPending()} AND d.batch_key = @batchKey ORDER BY d.id`,
      ),
      member: db.prepare<
        { now: number; guildId: string; userId: string; limit: number },
        DeliveryRow
      >(
        `${selectDue('deliveries_member_queue')} AND d.kind = 'role'
         AND d.guild_id = @guildId AND d.user_id = @userId ORDER BY d.id LIMIT @limit`,
      ),
      nextDueAt: db.prepare<{ after: number }, { at: number | null }>(
        `SELECT MIN(next_attempt_at) AS at FROM deliveries
         WHERE status = 'pending' AND next_attempt_at > @after`,
      ),
      batch: db.prepare<[number, number]>('UPDATE deliveries SET batch_key = ? WHERE id = ?'),
      delivered: db.prepare<[string | null, number, number]>(
        `UPDATE deliveries SET status = 'delivered', message_id = ?, attempts = attempts + 1,
           last_error = NULL, updated_at = ? WHERE id = ?`,
      ),
      retry: db.prepare<[number, string, number, number]>(
        `UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ?
         WHERE id = ?`,
      ),
      failed: db.prepare<[string, number, number]>(
        `UPDATE deliveries SET status = 'failed', attempts = attempts + 1, last_error = ?, updated_at = ?
         WHERE id = ?`,
      ),
    };
  }

  /** Lanes with at least one due delivery, the one waiting longest first. */
  dueLanes(now: number, limit: number): Lane[] {
    return this.#statements.lanes
      .all({ now, limit })
      .map((row) =>
        row.kind === 'message'
          ? { kind: 'message', channelId: row.channel_id! }
          : { kind: 'role', guildId: row.guild_id, userId: row.user_id! },
      );
  }

  /**
   * Due messages of one channel, oldest first. When the oldest was already sent as part of a batch,
   * that batch's members come back instead, all of them: a batch is resent exactly as it was.
   */
  dueInChannel(channelId: string, now: number, limit: number): MessageDelivery[] {
    const rows = this.#statements.channel.all({ now, channelId, limit });
    const batchKey = rows[0]?.batch_key ?? null;
    const chosen = batchKey === null ? rows : this.#statements.batchMembers.all({ batchKey });
    return chosen.map(toDelivery) as MessageDelivery[];
  }

  /** Due role changes of one member, oldest first. */
  dueForMember(guildId: string, userId: string, now: number, limit: number): RoleDelivery[] {
    return this.#statements.member
      .all({ now, guildId, userId, limit })
      .map(toDelivery) as RoleDelivery[];
  }

  /**
   * When the earliest pending delivery falls due, or null when nothing is pending. With `after`,
   * only deliveries not yet due by then count: the worker's timer needs those, because a busy lane
   * (a hung request, a long 429 wait) keeps its own due deliveries, and counting them would hide
   * every later retry behind it.
   */
  nextDueAt(after = Number.MIN_SAFE_INTEGER): number | null {
    return this.#statements.nextDueAt.get({ after })?.at ?? null;
  }

  /**
   * Records that these deliveries travel together from now on. A retry must resend exactly the
   * same batch, because the batch's nonce is what stops Discord from posting it twice.
   */
  assignBatch(ids: readonly number[], batchKey: number): void {
    this.#inTransaction(() => ids.forEach((id) => this.#statements.batch.run(batchKey, id)));
  }

  markDelivered(ids: readonly number[], messageId: string | null, now = Date.now()): void {
    this.#inTransaction(() =>
      ids.forEach((id) => this.#statements.delivered.run(messageId, now, id)),
    );
  }

  markRetry(ids: readonly number[], nextAttemptAt: number, error: string, now = Date.now()): void {
    this.#inTransaction(() =>
      ids.forEach((id) => this.#statements.retry.run(nextAttemptAt, error, now, id)),
    );
  }

  markFailed(ids: readonly number[], error: string, now = Date.now()): void {
    this.#inTransaction(() => ids.forEach((id) => this.#statements.failed.run(error, now, id)));
  }

  /** Puts a server's failed deliveries back in the queue with fresh attempts; returns how many. */
  replayFailed(guildId: string, now = Date.now()): number {
    const { changes } = this.#db
      .prepare(
        `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
         WHERE guild_id = ? AND status = 'failed'`,
      )
      .run(now, now, guildId);
    return changes;
  }

  #inTransaction(work: () => void): void {
    this.#db.transaction(work)();
  }
}

function toDelivery(row: DeliveryRow): Delivery {
  const base: DeliveryBase = {
    id: row.id,
    eventId: row.event_id,
    guildId: row.guild_id,
    attempts: row.attempts,
    eventType: row.type,
    eventPayload: row.payload,
    isTest: row.is_test === 1,
  };
  if (row.kind === 'message') {
    return {
      ...base,
      kind: 'message',
      channelId: row.channel_id!,
      mentionRoleId: row.mention_role_id,
      batchKey: row.batch_key,
    };
  }
  return { ...base, kind: 'role', roleId: row.role_id!, userId: row.user_id!, mode: row.mode! };
}
