/** The answer to "may this request go ahead?". */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per server: up to `perMinute` events in a burst, refilled at `perMinute` per
 * minute. Only authenticated requests are counted, so a stranger cannot use up a server's budget.
 * Tickety's free tier sends at most 100 events a day, so the default ceiling of 600 a minute is
 * only ever reached by a runaway or a misuse of the token.
 */
export class ServerRateLimiter {
  readonly #perMinute: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(perMinute: number, now: () => number = Date.now) {
    this.#perMinute = perMinute;
    this.#now = now;
  }

  take(key: string): RateDecision {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#perMinute, updatedAt: now };
    const refill = ((now - bucket.updatedAt) / 60_000) * this.#perMinute;
    bucket.tokens = Math.min(this.#perMinute, bucket.tokens + refill);
    bucket.updatedAt = now;
    this.#buckets.set(key, bucket);

    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const secondsForOne = ((1 - bucket.tokens) / this.#perMinute) * 60;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(secondsForOne)) };
  }
}

/** Failures tolerated per address and minute before answers slow down. */
const FREE_FAILURES = 5;
const MAX_DELAY_MS = 2_000;
const WINDOW_MS = 60_000;
/** Beyond this many tracked addresses, expired entries are swept so memory stays bounded. */
const MAX_TRACKED = 10_000;

/**
 * Slows down repeated authentication failures from one address, so guessing tokens costs time.
 * Only failures are delayed: behind a reverse proxy every request may share one address, and
 * Tickety's genuine requests must never wait because somebody else guessed wrong.
 */
export class FailureThrottle {
  readonly #now: () => number;
  readonly #failures = new Map<string, { count: number; since: number }>();

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Records a failure and returns how long to wait before answering it. */
  recordFailure(address: string): number {
    const now = this.#now();
    if (this.#failures.size >= MAX_TRACKED) this.#sweep(now);

    const entry = this.#failures.get(address);
    const current = entry && now - entry.since < WINDOW_MS ? entry : { count: 0, since: now };
    current.count += 1;
    this.#failures.set(address, current);

    const excess = current.count - FREE_FAILURES;
    return excess <= 0 ? 0 : Math.min(MAX_DELAY_MS, 100 * 2 ** (excess - 1));
  }

  #sweep(now: number): void {
    for (const [address, entry] of this.#failures) {
      if (now - entry.since >= WINDOW_MS) this.#failures.delete(address);
    }
    if (this.#failures.size >= MAX_TRACKED) this.#failures.clear();
  }
}
