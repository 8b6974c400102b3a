import { z } from 'zod';
import type { Logger } from './logger.js';

const DISCORD_API = 'https://discord.com/api';

/**
 * A whole number written in decimal digits only. `Number()` alone would also take `0x10`, `1e3`
 * and `3000.0`, so a typo could silently pick another port or limit.
 */
const wholeNumber = (min: number, max: number) =>
  z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().min(min).max(max));

/** 0 lets the system pick any free port (the tests use it). */
const port = wholeNumber(0, 65_535);

/** The environment the bridge reads, validated once at start-up. */
const ConfigSchema = z.object({
  DISCORD_TOKEN: z
    .string()
    .trim()
    .min(1, 'is required: the bot token from the Discord developer portal'),
  // fetch refuses URLs with credentials, and the address appears in log lines: refused, unechoed.
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/ })
    .refine((url) => !/^[a-z]+:\/\/[^/]*@/i.test(url), {
      message: 'is invalid: it must not hold a user name or password (give them to your proxy)',
    })
    .default(DISCORD_API),
  PORT: port.default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  // The endpoint is PUBLIC_URL + /tickety/<server id>: a query or fragment would end up before it.
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .refine((url) => !/[?#]/.test(url))
    .optional(),
  DATABASE_PATH: z.string().trim().min(1).default('./data/tickety-bridge.sqlite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RETENTION_DAYS: wholeNumber(1, 3650).default(30),
  EVENTS_PER_MINUTE: wholeNumber(1, 1_000_000).default(600),
});

/** Validated configuration; `publicUrl` never ends with a slash. */
export interface Config {
  discordToken: string;
  discordApiUrl: string;
  port: number;
  host: string;
  publicUrl: string;
  databasePath: string;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  /** Delivered events older than this are pruned; failed ones are kept until replayed. */
  retentionDays: number;
  /** Per server: more events than this in a minute are answered with 429. */
  eventsPerMinute: number;
}

/** Thrown with a one-line message that names the offending variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration from an environment. Empty strings count as unset, so a `.env` file
 * with `PORT=` falls back to the default instead of failing.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = ConfigSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`${name} ${describeIssue(issue, present[name])}`);
  }

  const value = result.data;
  return {
    discordToken: value.DISCORD_TOKEN,
    discordApiUrl: value.DISCORD_API_URL.replace(/\/+$/, ''),
    port: value.PORT,
    host: value.HOST,
    publicUrl: (value.PUBLIC_URL ?? `http://localhost:${value.PORT}`).replace(/\/+$/, ''),
    databasePath: value.DATABASE_PATH,
    logLevel: value.LOG_LEVEL,
    retentionDays: value.RETENTION_DAYS,
    eventsPerMinute: value.EVENTS_PER_MINUTE,
  };
}

/**
 * Warns when PUBLIC_URL is not https: admins paste it into Tickety, and the token travels with
 * every event sent to it.
 */
export function warnAboutPublicUrl(publicUrl: string, logger: Logger): void {
  if (publicUrl.startsWith('https://')) return;
  logger.warn(
    { publicUrl },
    'PUBLIC_URL is not an https address: /tickety setup shows it to admins, so set it to the ' +
      'address of your HTTPS reverse proxy',
  );
}

function describeIssue(issue: z.core.$ZodIssue | undefined, value: string | undefined): string {
  if (value === undefined) return 'is required';
  if (issue?.message.startsWith('is ')) return issue.message;

  const expected: Record<string, string> = {
    PORT: 'a port number from 0 to 65535',
    DISCORD_API_URL: 'an http(s) URL',
    PUBLIC_URL: 'an http(s) URL without a query (?) or fragment (#)',
    LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
    RETENTION_DAYS: 'a whole number of days from 1 to 3650',
    EVENTS_PER_MINUTE: 'a whole number from 1 to 1000000',
  };
  const name = String(issue?.path[0]);
  return `is invalid: expected ${expected[name] ?? issue?.message ?? 'another value'}, got "${value}"`;
}
