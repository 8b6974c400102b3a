import type { REST } from 'discord.js';
import type { Delivery, DeliveryQueue, Lane } from '../db/deliveries.js';
import type { Logger } from '../logger.js';
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from './backoff.js';
import { ChannelWindows } from './channel-windows.js';
import { describeFailure, failureReason } from './failures.js';
import { formBatch, postBatch } from './message.js';
import { applyRoleChange } from './role-change.js';

const LANE_CRASH_PAUSE_MS = 1_000;
/** How many due lanes one search of the queue returns; more are fetched as these drain. */
const LANE_SEARCH_LIMIT = 256;

export interface DeliveryWorkerOptions {
  queue: DeliveryQueue;
  rest: REST;
  /** Part of every nonce; see `instanceSalt`. */
  salt: string;
  logger: Logger;
  retry?: RetryPolicy;
  /** How many lanes (channels or members) may be worked on at once. */
  maxLanes?: number;
}

/**
 * Sends due deliveries to Discord. Work is split into lanes, one per channel and one per member;
 * a lane runs its deliveries in order, and lanes run side by side, so a channel that hangs or is
 * rate limited never holds back another. Rate limits themselves are left to discord.js's queue.
 */
export class DeliveryWorker {
  readonly #queue: DeliveryQueue;
  readonly #rest: REST;
  readonly #salt: string;
  readonly #logger: Logger;
  readonly #retry: RetryPolicy;
  readonly #maxLanes: number;
  readonly #active = new Map<string, Promise<void>>();
  readonly #windows: ChannelWindows;
  readonly #pauses = new Set<() => void>();
  #timer: NodeJS.Timeout | undefined;
  /** Lanes that may have due work and are not running yet, by key, oldest news first. */
  readonly #waiting = new Map<string, Lane>();
  /** Whether the queue must be searched for due lanes (at start, when a retry falls due, …). */
  #scanNeeded = true;
  /** Whether the last search stopped at its limit, so more due lanes may be in the queue. */
  #moreLanes = false;
  #wakeScheduled = false;
  #stopped = true;

  constructor(options: DeliveryWorkerOptions) {
    this.#queue = options.queue;
    this.#rest = options.rest;
    this.#salt = options.salt;
    this.#logger = options.logger;
    this.#retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.#maxLanes = options.maxLanes ?? 32;
    this.#windows = new ChannelWindows(options.rest);
  }

  /** Starts working, picking up whatever was pending before a restart. */
  start(): void {
    this.#stopped = false;
    this.#dispatch();
  }

  /**
   * Signals new work: in the lanes named, or anywhere when none are named (the queue is then
   * searched for due lanes, which costs more). Cheap to call often: calls in one tick are merged.
   */
  wake(lanes?: readonly Lane[]): void {
    if (lanes) for (const lane of lanes) this.#waiting.set(laneKey(lane), lane);
    else this.#scanNeeded = true;
    this.#schedule();
  }

  #schedule(): void {
    if (this.#stopped || this.#wakeScheduled) return;
    this.#wakeScheduled = true;
    setImmediate(() => {
      this.#wakeScheduled = false;
      this.#dispatch();
    });
  }

  /** Stops taking new work and waits for the requests in flight to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    for (const resume of this.#pauses) resume();
    await Promise.allSettled(this.#active.values());
  }

  /** How many lanes are being worked on right now. */
  get activeLanes(): number {
    return this.#active.size;
  }

  #dispatch(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);

    const now = Date.now();
    if (this.#scanNeeded || (this.#moreLanes && this.#waiting.size === 0)) {
      const found = this.#queue.dueLanes(now, LANE_SEARCH_LIMIT);
      for (const lane of found) this.#waiting.set(laneKey(lane), lane);
      this.#scanNeeded = false;
      this.#moreLanes = found.length === LANE_SEARCH_LIMIT;
    }

    for (const [key, lane] of this.#waiting) {
      if (this.#active.size >= this.#maxLanes) break;
      // A running lane keeps its place here: it starts again once it ends, in case the news came
      // after it last looked.
      if (this.#active.has(key)) continue;
      this.#waiting.delete(key);

      let crashed = false;
      const run = this.#runLane(lane)
        .catch((error: unknown) => {
          crashed = true;
          this.#logger.error({ err: error, lane: key }, 'delivery lane crashed');
        })
        .finally(() => {
          this.#active.delete(key);
          // Whatever crashed the lane (a database error, say) is likely to do it again at once:
          // give it a moment instead of spinning.
          if (crashed) setTimeout(() => this.wake([lane]), LANE_CRASH_PAUSE_MS).unref();
          else this.#schedule();
        });
      this.#active.set(key, run);
    }

    // Due work is either in a lane already or starts when a lane frees up (each lane's end wakes
    // the worker); the timer is for what falls due later, such as another channel's retry.
    const next = this.#queue.nextDueAt(now);
    if (next !== null) {
      this.#timer = setTimeout(() => this.wake(), Math.min(next - now, 2 ** 31 - 1));
    }
  }

  async #runLane(lane: Lane): Promise<void> {
    while (!this.#stopped) {
      const keepGoing =
        lane.kind === 'message'
          ? await this.#sendNextMessage(lane.channelId)
          : await this.#applyNextRole(lane);
      if (!keepGoing) return;
    }
  }

  async #sendNextMessage(channelId: string): Promise<boolean> {
    const wait = this.#windows.waitMs(channelId);
    if (wait > 0) {
      await this.#pause(wait);
      if (this.#stopped) return false;
    }

    const batch = formBatch(this.#queue.dueInChannel(channelId, Date.now(), 10));
    if (!batch) return false;

    const ids = batch.deliveries.map((delivery) => delivery.id);
    if (batch.deliveries[0]!.batchKey === null) this.#queue.assignBatch(ids, batch.key);

    try {
      const messageId = await postBatch(this.#rest, batch, this.#salt);
      this.#queue.markDelivered(ids, messageId);
      this.#logger.debug({ channelId, deliveries: ids, messageId }, 'message posted');
      return true;
    } catch (error) {
      this.#recordFailure(batch.deliveries, error);
      return true;
    }
  }

  /** Waits, unless the worker stops first. */
  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const resume = (): void => {
        clearTimeout(timer);
        this.#pauses.delete(resume);
        resolve();
      };
      const timer = setTimeout(resume, ms);
      this.#pauses.add(resume);
    });
  }

  async #applyNextRole(lane: Extract<Lane, { kind: 'role' }>): Promise<boolean> {
    const [delivery] = this.#queue.dueForMember(lane.guildId, lane.userId, Date.now(), 1);
    if (!delivery) return false;

    try {
      await applyRoleChange(this.#rest, delivery);
      this.#queue.markDelivered([delivery.id], null);
      this.#logger.debug(
        { delivery: delivery.id, roleId: delivery.roleId, userId: delivery.userId },
        'role changed',
      );
      return true;
    } catch (error) {
      this.#recordFailure([delivery], error);
      return true;
    }
  }

  /**
   * Records a failed attempt. The lane then carries on with its next delivery: each delivery keeps
   * its own retry schedule, and one that keeps failing must not stall those queued behind it.
   */
  #recordFailure(deliveries: readonly Delivery[], error: unknown): void {
    const first = deliveries[0]!;
    const ids = deliveries.map((delivery) => delivery.id);
    const failure = describeFailure(error, first);
    const attempt = first.attempts + 1;

    if (failure.permanent || attempt >= this.#retry.maxAttempts) {
      const reason = failureReason(failure, attempt, false);
      this.#queue.markFailed(ids, reason);
      this.#logger.warn({ guildId: first.guildId, deliveries: ids, reason }, 'delivery failed');
      return;
    }

    const delay = retryDelay(attempt, this.#retry);
    const reason = failureReason(failure, attempt, true);
    this.#queue.markRetry(ids, Date.now() + delay, reason);
    this.#logger.info(
      { deliveries: ids, attempt, retryInMs: delay, reason },
      'delivery will be retried',
    );
  }
}

function laneKey(lane: Lane): string {
  return lane.kind === 'message'
    ? `channel:${lane.channelId}`
    : `member:${lane.guildId}:${lane.userId}`;
}
