import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/**
 * The one logger of the process. Secrets are redacted by path so that a token can never reach a
 * log line, even when a whole request or config object is logged by mistake.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          '*.headers.authorization',
          'discordToken',
          '*.discordToken',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
