import type { Lane } from '../db/deliveries.js';
import type { EventEntry, EventLog } from '../db/events.js';
import type { RoutingStore } from '../db/rules.js';
import { planDeliveries } from '../routing/plan.js';
import type { TicketyEvent } from '../tickety/parse.js';

interface Waiting {
  guildId: string;
  event: TicketyEvent;
  payloadJson: string;
  isTest: boolean;
  receivedAt: number;
  resolve: (eventId: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Where accepted events enter the pipeline. Events that arrive together are written in one
 * transaction (group commit), so a burst pays for one disk sync instead of one per request, and
 * each caller is answered only once its event is on disk.
 */
export class EventIntake {
  readonly #log: EventLog;
  readonly #routing: RoutingStore;
  readonly #onRecorded: (lanes: Lane[]) => void;
  #waiting: Waiting[] = [];

  /** `onRecorded` hears of every write, with the delivery lanes that got new work. */
  constructor(log: EventLog, routing: RoutingStore, onRecorded: (lanes: Lane[]) => void) {
    this.#log = log;
    this.#routing = routing;
    this.#onRecorded = onRecorded;
  }

  /**
   * Plans the event's deliveries and resolves with its id once it is durably stored. A test event
   * is posted like a real one but never changes anyone's roles.
   */
  accept(guildId: string, event: TicketyEvent, isTest = false): Promise<number> {
    return new Promise((resolve, reject) => {
      const payloadJson = JSON.stringify(event.payload);
      if (this.#waiting.length === 0) setImmediate(() => this.#flush());
      this.#waiting.push({
        guildId,
        event,
        payloadJson,
        isTest,
        receivedAt: Date.now(),
        resolve,
        reject,
      });
    });
  }

  #flush(): void {
    const batch = this.#waiting;
    this.#waiting = [];

    let entries: EventEntry[];
    let ids: number[];
    try {
      entries = batch.map((entry) => ({
        guildId: entry.guildId,
        type: entry.event.type,
        payloadJson: entry.payloadJson,
        isTest: entry.isTest,
        receivedAt: entry.receivedAt,
        planned: planDeliveries(entry.event, this.#routing.forGuild(entry.guildId)).filter(
          (planned) => !entry.isTest || planned.kind === 'message',
        ),
      }));
      ids = this.#log.record(entries);
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }

    batch.forEach((entry, index) => entry.resolve(ids[index]!));
    this.#onRecorded(
      entries.flatMap(({ guildId, planned }) =>
        planned.map((p): Lane =>
          p.kind === 'message'
            ? { kind: 'message', channelId: p.channelId }
            : { kind: 'role', guildId, userId: p.userId },
        ),
      ),
    );
  }
}
