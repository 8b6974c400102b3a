/**
 * Logging in to Discord: the attempts, their deadline and backoff while Discord cannot be reached,
 * and which failures are worth retrying.
 */
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DiscordAPIError,
  DiscordjsError,
  DiscordjsErrorCodes,
  Events,
  HTTPError,
  type Client,
} from 'discord.js';
import type { Logger } from '../logger.js';
import { closeClient } from './client.js';
import { errorMessage } from '../error-message.js';

/** The pace of login attempts while Discord cannot be reached. */
export interface LoginBackoff {
  firstDelayMs: number;
  maxDelayMs: number;
  /** How long one attempt may take, from the first request until the gateway is ready. */
  attemptTimeoutMs?: number;
}

const LOGIN_BACKOFF: LoginBackoff = {
  firstDelayMs: 1_000,
  maxDelayMs: 60_000,
  attemptTimeoutMs: 30_000,
};

/** What {@link connectToDiscord} needs. */
export interface ConnectOptions {
  /** Builds a client with every listener attached; called once per attempt. */
  newClient: () => Client;
  token: string;
  logger: Logger;
  /** Aborting it ends the attempts; the promise then resolves with `undefined`. */
  signal: AbortSignal;
  backoff?: LoginBackoff;
}

/** An attempt that got no answer in time; it is retried like an outage. */
class LoginTimeoutError extends Error {
  override name = 'LoginTimeoutError';

  constructor(timeoutMs: number) {
    super(`no answer from Discord within ${timeoutMs / 1000} s`);
  }
}

/**
 * Logs in and waits for the gateway, retrying with capped exponential backoff while Discord cannot
 * be reached, so an outage at boot only delays delivery. Each attempt uses a new client: a failed
 * login leaves discord.js's gateway manager marked destroyed, and such a client, once logged in,
 * ignores `destroy()` and keeps its socket open (discord.js#10493). A refused token rejects at
 * once, since no retry can fix it.
 */
export async function connectToDiscord({
  newClient,
  token,
  logger,
  signal,
  backoff = LOGIN_BACKOFF,
}: ConnectOptions): Promise<Client<true> | undefined> {
  const timeoutMs = backoff.attemptTimeoutMs ?? LOGIN_BACKOFF.attemptTimeoutMs!;
  for (let delayMs = backoff.firstDelayMs; ; delayMs = Math.min(delayMs * 2, backoff.maxDelayMs)) {
    const client = newClient();
    try {
      await loginWithin(client, token, timeoutMs, signal);
      return client as Client<true>;
    } catch (error) {
      await closeClient(client);
      if (signal.aborted) return undefined;
      if (isTokenRefused(error)) throw error;
      logger.warn(
        { err: error, reason: errorMessage(error), retryInSeconds: delayMs / 1000 },
        isNotFound(error)
          ? "DISCORD_API_URL answered 404 Not Found: check the URL (Discord's own is " +
              'https://discord.com/api); retrying the login'
          : 'discord cannot be reached: retrying the login',
      );
    }

    try {
      await sleep(delayMs, undefined, { signal });
    } catch {
      return undefined;
    }
  }
}

/**
 * One login, given up after `timeoutMs`. discord.js's own REST timeout is not enough: when the
 * server accepts the connection and closes it at once (a plain-http proxy with nothing behind it),
 * undici 6 leaves the first request of the process pending forever and ignores its abort signal.
 *
 * TODO(limit): the abandoned request stays pending, a few objects per attempt, until the process
 * ends; were it to settle after its client was destroyed, discord.js could still open a gateway
 * socket (discord.js#10493) that only a restart closes.
 */
async function loginWithin(
  client: Client,
  token: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  const expiry = new AbortController();
  const timer = setTimeout(() => expiry.abort(), timeoutMs);
  try {
    await Promise.all([
      once(client, Events.ClientReady, { signal: AbortSignal.any([signal, expiry.signal]) }),
      client.login(token),
    ]);
  } catch (error) {
    if (expiry.signal.aborted && !signal.aborted) throw new LoginTimeoutError(timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** True when DISCORD_API_URL answered 404: most likely its path is wrong (no `/api`). */
function isNotFound(error: unknown): boolean {
  return (error instanceof DiscordAPIError || error instanceof HTTPError) && error.status === 404;
}

/** True when Discord answered that the bot token is wrong (401 on the first request). */
export function isTokenRefused(error: unknown): boolean {
  return error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid;
}
