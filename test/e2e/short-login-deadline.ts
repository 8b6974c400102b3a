/**
 * The bridge as its own process, configured from the environment like the entry point, but with
 * a 1 s login deadline and 100 ms between attempts, so a test sees several attempts in seconds.
 * A fresh process matters: undici's first request is the one that can stay pending forever.
 */
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startBridge } from '../../src/main.js';

const config = loadConfig();
const bridge = await startBridge(config, createLogger(config.logLevel), {
  loginBackoff: { firstDelayMs: 100, maxDelayMs: 100, attemptTimeoutMs: 1_000 },
});
process.once('SIGTERM', () => void bridge.stop().then(() => process.exit(0)));
