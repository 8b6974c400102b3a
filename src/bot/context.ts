import type { DeliveryQueue } from '../db/deliveries.js';
import type { RoutingStore } from '../db/rules.js';
import type { ServerStore } from '../db/servers.js';
import type { ServerStats } from '../db/stats.js';
import type { EventIntake } from '../delivery/intake.js';
import type { Logger } from '../logger.js';

/** What the slash commands need from the rest of the bridge. */
export interface BotContext {
  servers: ServerStore;
  routing: RoutingStore;
  queue: DeliveryQueue;
  stats: ServerStats;
  intake: EventIntake;
  /** Wakes the delivery worker after a replay. */
  wakeDelivery: () => void;
  publicUrl: string;
  logger: Logger;
}

/** The URL a server's admins paste into Tickety's dashboard. */
export function endpointUrl(context: BotContext, guildId: string): string {
  return `${context.publicUrl}/tickety/${guildId}`;
}
