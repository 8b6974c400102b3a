import { existsSync, statSync } from 'node:fs';
import { ConfigError, loadConfig, warnAboutPublicUrl, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import type { Bridge } from './main.js';
import { describeReadyFailure } from './startup-errors.js';
import { errorMessage } from './error-message.js';

/** How long a stop may take after SIGTERM or SIGINT before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Runs the bridge as the operator's process: configuration from the environment and `.env`, one
 * line and exit code 1 for whatever the operator must fix, and a clean stop on SIGTERM or SIGINT.
 * `start` is passed in so that this module does not import the composition root it serves.
 */
export async function runAsProcess(
  start: (config: Config, logger: Logger) => Promise<Bridge>,
): Promise<void> {
  let config: Config;
  let bridge: Bridge;
  let logger: Logger;
  try {
    loadEnvFile();
    config = loadConfig();
    logger = createLogger(config.logLevel);
    bridge = await start(config, logger);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
  // Only now: a configuration error must stay the one line that start-up prints.
  warnAboutPublicUrl(config.publicUrl, logger);

  bridge.ready.catch((error: unknown) => {
    logger.fatal({ err: error, discordApiUrl: config.discordApiUrl }, describeReadyFailure(error));
    process.exit(1);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    bridge.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/**
 * Reads `.env` from the working folder when there is one. Variables already set in the
 * environment win over the file, as operators expect.
 */
function loadEnvFile(): void {
  if (!existsSync('.env')) return;
  // Docker creates a folder when a bind-mounted file is missing on the host, and Node's own
  // message for it ("Contents of '.env' should be a valid string") does not say so.
  if (statSync('.env').isDirectory()) {
    throw new ConfigError(
      '.env cannot be read: it is a folder, not a file (a Docker bind mount of a missing file?)',
    );
  }
  try {
    process.loadEnvFile('.env');
  } catch (error) {
    throw new ConfigError(`.env cannot be read: ${errorMessage(error)}`);
  }
}
