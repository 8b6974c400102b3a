import { describe, expect, it } from 'vitest';
import { FailureThrottle, ServerRateLimiter } from '../../src/http/rate-limit.js';

describe('ServerRateLimiter', () => {
  it('lets a burst up to the ceiling through, then answers with the wait until the next slot', () => {
    let now = 0;
    const limiter = new ServerRateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });

    now += 1_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('keeps one budget per server', () => {
    const limiter = new ServerRateLimiter(1, () => 0);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });
});

describe('FailureThrottle', () => {
  it('answers the first five failures of a minute at once, then ever more slowly, up to 2 s', () => {
    let now = 0;
    const throttle = new FailureThrottle(() => now);
    const delays = Array.from({ length: 12 }, () => throttle.recordFailure('10.0.0.1'));
    expect(delays.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(delays.slice(5, 9)).toEqual([100, 200, 400, 800]);
    expect(Math.max(...delays)).toBe(2_000);

    expect(throttle.recordFailure('10.0.0.2')).toBe(0);
    now += 60_000;
    expect(throttle.recordFailure('10.0.0.1')).toBe(0);
  });
});
