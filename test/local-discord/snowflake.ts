/** Milliseconds between the Unix epoch and Discord's epoch (2015-01-01T00:00:00Z). */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Returns a generator of Discord snowflakes: numeric strings whose upper bits are the
 * milliseconds since {@link DISCORD_EPOCH}, so they sort by creation time like real ids.
 */
export function createSnowflakeGenerator(workerId = 1): () => string {
  let increment = 0n;
  let lastTimestamp = 0n;

  return () => {
    // Never go back in time, so ids stay strictly increasing even if the clock moves.
    let timestamp = BigInt(Date.now()) - DISCORD_EPOCH;
    if (timestamp < lastTimestamp) timestamp = lastTimestamp;
    if (timestamp !== lastTimestamp) increment = 0n;
    lastTimestamp = timestamp;

    increment = (increment + 1n) & 0xfffn;
    return ((timestamp << 22n) | (BigInt(workerId & 0x1f) << 17n) | increment).toString();
  };
}
