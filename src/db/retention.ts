import type { Logger } from '../logger.js';
import type { EventLog } from './events.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Prunes delivered events older than the retention period, now and then every hour, so the file
 * does not grow without bound. Events with a failed delivery stay until replayed or removed.
 * Returns the function that stops the schedule; the timer alone never keeps the process alive.
 */
export function schedulePruning(
  events: EventLog,
  retentionDays: number,
  logger: Logger,
): () => void {
  const prune = () => {
    const removed = events.prune(Date.now() - retentionDays * DAY_MS);
    if (removed > 0) logger.info({ removed, retentionDays }, 'pruned delivered events');
  };
  prune();
  const timer = setInterval(prune, HOUR_MS).unref();
  return () => clearInterval(timer);
}
