/**
 * Start-up failures an operator can fix, translated into one line that names the setting to
 * change. A `ConfigError` is printed alone, without a stack trace, before the process exits 1.
 */
import { isTokenRefused } from './bot/login.js';
import { ConfigError, type Config } from './config.js';
import { errorMessage } from './error-message.js';

/** Why `DATABASE_PATH` cannot be opened, so the operator knows which setting points at the file. */
export function databasePathError(path: string, error: unknown): ConfigError {
  return new ConfigError(
    `DATABASE_PATH "${path}" cannot be used as the database: ${errorMessage(error)}`,
  );
}

/**
 * Why the HTTP endpoint could not bind, as a `ConfigError` naming `PORT` or `HOST`; an error with
 * any other cause is returned unchanged, since no setting would fix it.
 */
export function listenError(
  error: unknown,
  { port, host }: Pick<Config, 'port' | 'host'>,
): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `PORT ${port} on HOST ${host}`;
  const problems: Record<string, string> = {
    EADDRINUSE: `${where} is already in use by another program`,
    EACCES: `${where} needs privileges this process does not have: use a port above 1023`,
    EADDRNOTAVAIL: `HOST ${host} is not an address of this machine`,
    ENOTFOUND: `HOST ${host} cannot be resolved to an address`,
    EAI_AGAIN: `HOST ${host} cannot be resolved to an address (the name server did not answer)`,
  };
  const problem = code === undefined ? undefined : problems[code];
  return problem ? new ConfigError(problem) : error;
}

/** Why the bridge gives up on Discord; an outage is retried, so what is left is the operator's. */
export function describeReadyFailure(error: unknown): string {
  if (isTokenRefused(error)) {
    return (
      'discord refused DISCORD_TOKEN: copy the bot token again from the developer portal ' +
      '(Bot, Reset Token), and check DISCORD_API_URL if you changed it'
    );
  }
  return 'could not register /tickety with discord';
}
