import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryDelay } from '../../src/delivery/backoff.js';
import { NONCE_WINDOW_MS } from '../local-discord/routes/channels.js';

const MINUTE = 60_000;
const longest = () => 1;
const shortest = () => 0;

/** Every wait between two attempts of one delivery under the default policy. */
function delays(random: () => number): number[] {
  return Array.from({ length: DEFAULT_RETRY_POLICY.maxAttempts - 1 }, (_, index) =>
    retryDelay(index + 1, DEFAULT_RETRY_POLICY, random),
  );
}

describe('GIVEN a post whose answer was lost (it may have been posted)', () => {
  it('every retry of the default policy comes well inside the window in which Discord enforces the nonce', () => {
    // Half the window is left for the request itself, discord.js's own retries and a busy lane:
    // past the window Discord posts the same batch a second time.
    for (const delay of delays(longest)) expect(delay).toBeLessThanOrEqual(NONCE_WINDOW_MS / 2);
  });

  it('the default policy still rides out an incident of about half an hour before giving up', () => {
    const total = (random: () => number) => delays(random).reduce((sum, delay) => sum + delay, 0);
    expect(total(longest)).toBeGreaterThanOrEqual(25 * MINUTE);
    expect(total(longest)).toBeLessThanOrEqual(35 * MINUTE);
    expect(total(shortest)).toBeGreaterThanOrEqual(12 * MINUTE);
  });
});
