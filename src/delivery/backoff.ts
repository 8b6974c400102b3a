/** How often and how patiently a delivery is retried after a transient failure. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Up to about half an hour of patience in all (2 s, 4 s, … then every 2 min, 21 tries): long
 * enough to ride out a typical Discord incident, short enough that an admin learns about a lasting
 * problem the same day through `/tickety status`. The cap matters as much as the total: Discord
 * enforces a nonce only for "the past few minutes", so a retry after a post whose answer was lost
 * must come well within that, or the batch is posted twice.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 21,
  baseDelayMs: 2_000,
  maxDelayMs: 2 * 60_000,
};

/**
 * Delay before attempt `attempt + 1`: exponential, capped, with jitter between half and the full
 * delay so that deliveries that failed together do not all come back at the same instant.
 */
export function retryDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(exponential, policy.maxDelayMs);
  return Math.round(capped * (0.5 + random() * 0.5));
}
