/** A rate-limit decision: headers for the response, and whether to answer 429 instead. */
export interface RateLimitVerdict {
  headers: Record<string, string>;
  limited?: { retryAfterMs: number; global: boolean };
}

interface Window {
  resetAt: number;
  remaining: number;
}

interface BucketRule {
  /** Discord's opaque bucket hash, shared by every channel; the channel is the major parameter. */
  hash: string;
  limit: number;
  windowMs: number;
  majorParameter: string;
}

const GLOBAL_LIMIT = 50;
const GLOBAL_WINDOW_MS = 1000;
// Interaction endpoints are not bound by the global rate limit.
const GLOBAL_EXEMPT = /^\/(interactions|webhooks)\//;

/**
 * Discord's rate limits, off unless enabled: 5 messages per 5 s per channel and 50 requests
 * per second overall. Past them the answer is 429; every answer on a limited route carries the
 * X-RateLimit-* headers so discord.js learns the bucket.
 * @see https://discord.com/developers/docs/topics/rate-limits
 */
export class RateLimiter {
  enabled = false;
  #global: Window = { resetAt: 0, remaining: GLOBAL_LIMIT };
  readonly #buckets = new Map<string, Window>();

  /** Counts a request and decides whether it may go through. */
  check(method: string, path: string, now = Date.now()): RateLimitVerdict {
    if (!this.enabled) return { headers: {} };

    if (!GLOBAL_EXEMPT.test(path)) {
      if (now >= this.#global.resetAt)
        this.#global = { resetAt: now + GLOBAL_WINDOW_MS, remaining: GLOBAL_LIMIT };
      if (this.#global.remaining <= 0) {
        const retryAfterMs = this.#global.resetAt - now;
        return { headers: globalHeaders(retryAfterMs), limited: { retryAfterMs, global: true } };
      }
    }

    const rule = bucketRule(method, path);
    let verdict: RateLimitVerdict = { headers: {} };
    if (rule) {
      const key = `${rule.hash}:${rule.majorParameter}`;
      let window = this.#buckets.get(key);
      if (!window || now >= window.resetAt)
        window = { resetAt: now + rule.windowMs, remaining: rule.limit };
      this.#buckets.set(key, window);

      if (window.remaining <= 0) {
        const retryAfterMs = window.resetAt - now;
        const headers = {
          ...bucketHeaders(rule, window, now),
          'Retry-After': seconds(retryAfterMs),
          'X-RateLimit-Scope': 'user',
        };
        return { headers, limited: { retryAfterMs, global: false } };
      }
      window.remaining -= 1;
      verdict = { headers: bucketHeaders(rule, window, now) };
    }

    if (!GLOBAL_EXEMPT.test(path)) this.#global.remaining -= 1;
    return verdict;
  }
}

/** The 429 headers of a global limit; also used by injected faults. */
export function globalHeaders(retryAfterMs: number): Record<string, string> {
  return {
    'Retry-After': seconds(retryAfterMs),
    'X-RateLimit-Global': 'true',
    'X-RateLimit-Scope': 'global',
  };
}

/** The 429 headers of a per-route limit; also used by injected faults. */
export function routeLimitHeaders(retryAfterMs: number, now = Date.now()): Record<string, string> {
  return {
    'Retry-After': seconds(retryAfterMs),
    'X-RateLimit-Limit': '1',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': seconds(now + retryAfterMs),
    'X-RateLimit-Reset-After': seconds(retryAfterMs),
    'X-RateLimit-Bucket': 'local-fault',
    'X-RateLimit-Scope': 'user',
  };
}

function bucketRule(method: string, path: string): BucketRule | undefined {
  const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
  if (method === 'POST' && channelMessages?.[1]) {
    return {
      hash: 'local-channel-messages',
      limit: 5,
      windowMs: 5000,
      majorParameter: channelMessages[1],
    };
  }
  return undefined;
}

function bucketHeaders(rule: BucketRule, window: Window, now: number): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(rule.limit),
    'X-RateLimit-Remaining': String(window.remaining),
    'X-RateLimit-Reset': seconds(window.resetAt),
    'X-RateLimit-Reset-After': seconds(window.resetAt - now),
    'X-RateLimit-Bucket': rule.hash,
  };
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
