import { z } from 'zod';

const DISCORD_API = 'https://discord.com/api';

const port = z.coerce.number().int().min(0).max(65_535);

/** The environment the bridge reads, validated once at start-up. */
const ConfigSchema = z.object({
  DISCORD_TOKEN: z
    .string()
    .trim()
    .min(1, 'is required: the bot token from the Discord developer portal'),
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).default(DISCORD_API),
  PORT: port.default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_PATH: z.string().trim().min(1).default('./data/tickety-bridge.sqlite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
    throw new ConfigError(`${name} ${describeIssue(issue)}`);
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
  };
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'is invalid';
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.message.startsWith('is ')) return issue.message;
  return `is invalid: ${issue.message}`;
}
