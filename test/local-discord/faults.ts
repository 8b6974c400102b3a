import { pathMatches } from './router.js';

/** Which requests a fault applies to. `path` is below `/api/v10`; `:name` or `*` match one segment. */
export interface RequestPattern {
  method?: string;
  path: string | RegExp;
}

/** What happens to a request that meets an armed fault. */
export type Fault =
  | { kind: 'status'; status: number }
  | { kind: 'rate-limit'; retryAfterMs: number; global: boolean }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'lose-response' };

interface ArmedFault {
  pattern: RequestPattern;
  fault: Fault;
  remaining: number;
}

/**
 * Failures tests arm for the next matching requests: 5xx answers, unexpected 429s, requests
 * that never get an answer (the client times out) and connections reset mid-request.
 */
export class Faults {
  readonly #armed: ArmedFault[] = [];

  /** The next `times` matching requests answer `status` (500, 502, 503 or 504). */
  serverError(pattern: RequestPattern, options: { status?: number; times?: number } = {}): void {
    this.arm(pattern, { kind: 'status', status: options.status ?? 500 }, options.times);
  }

  /**
   * The next `times` matching requests answer 429 with Retry-After and X-RateLimit-* headers;
   * `global` adds `X-RateLimit-Global: true` and `global: true` in the body.
   */
  rateLimit(
    pattern: RequestPattern,
    options: { retryAfterMs?: number; global?: boolean; times?: number } = {},
  ): void {
    const fault: Fault = {
      kind: 'rate-limit',
      retryAfterMs: options.retryAfterMs ?? 1000,
      global: options.global ?? false,
    };
    this.arm(pattern, fault, options.times);
  }

  /** The next `times` matching requests are never answered, until the client gives up. */
  hang(pattern: RequestPattern, options: { times?: number } = {}): void {
    this.arm(pattern, { kind: 'hang' }, options.times);
  }

  /** The next `times` matching requests have their TCP connection destroyed. */
  resetConnection(pattern: RequestPattern, options: { times?: number } = {}): void {
    this.arm(pattern, { kind: 'reset' }, options.times);
  }

  /**
   * The next `times` matching requests are carried out, then their connection is destroyed before
   * the answer is sent: the request took effect but the client never learns it did.
   */
  loseResponse(pattern: RequestPattern, options: { times?: number } = {}): void {
    this.arm(pattern, { kind: 'lose-response' }, options.times);
  }

  /** Arms any fault for the next `times` (default 1) matching requests. */
  arm(pattern: RequestPattern, fault: Fault, times = 1): void {
    this.#armed.push({ pattern, fault, remaining: times });
  }

  /** How many faulty answers are still armed. */
  get pending(): number {
    return this.#armed.reduce((sum, armed) => sum + armed.remaining, 0);
  }

  /** Disarms everything. */
  clear(): void {
    this.#armed.length = 0;
  }

  /** Takes the fault for this request, if one is armed for it. */
  take(method: string, path: string): Fault | undefined {
    const index = this.#armed.findIndex(
      ({ pattern }) =>
        (!pattern.method || pattern.method.toUpperCase() === method) &&
        (typeof pattern.path === 'string'
          ? pathMatches(pattern.path, path)
          : pattern.path.test(path)),
    );
    const armed = this.#armed[index];
    if (!armed) return undefined;

    armed.remaining -= 1;
    if (armed.remaining <= 0) this.#armed.splice(index, 1);
    return armed.fault;
  }
}
