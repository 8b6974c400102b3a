import { z } from 'zod';

/**
 * Names the kind of a JSON value in a few words ("a number", "null"), so a rejected request says
 * what was sent without echoing the value back.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}

/** The message for a value of the wrong kind, with "missing" when the key was not sent at all. */
export function expectedMessage(what: string, input: unknown): string {
  return input === undefined
    ? `missing; expected ${what}`
    : `expected ${what}, got ${describeValue(input)}`;
}

const SNOWFLAKE = 'a Discord id (string of 17-20 digits)';

/**
 * A Discord id. Tickety sends ids as JSON strings; an id sent as a number is refused rather than
 * converted, because a 19-digit number is past 2^53 and was already rounded by the JSON parser
 * (854073502861066626 reads back as 854073502861066600).
 */
export const snowflake = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? `expected ${SNOWFLAKE}, got a number (an id sent as a number has already lost precision)`
        : expectedMessage(SNOWFLAKE, issue.input),
  })
  .regex(/^\d{17,20}$/, `expected ${SNOWFLAKE}`);

const DATE = 'a date (ISO-8601 with a time zone, or epoch milliseconds)';

// Years 0000-9999 only: toISOString() switches to the six-digit "+010000-" form past that.
const MAX_EPOCH_MS = 253_402_300_799_999;

// YYYY-MM-DD, optionally followed by a time that carries its own zone (Z or ±hh[:]mm). A date and
// time without a zone is read in the server's local time zone by `Date`, so it is refused.
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;

// Other forms `Date` understands (RFC 2822, "March 7, 2025 09:12 UTC") are taken only when they
// name a zone and do not start with a numeric day/month pair, which reads differently in the US
// and in Europe (03/07/2025).
const EXPLICIT_ZONE = /(?:\b(?:GMT|UTC|Z)\b|[+-]\d{2}:?\d{2}\s*$)/i;
const NUMERIC_DAY_MONTH = /^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fromEpochMs(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_EPOCH_MS) return undefined;
  return new Date(ms).toISOString();
}

function fromString(text: string): string | undefined {
  if (text.length > 64) return undefined;
  const iso = ISO_DATE.exec(text);
  if (iso) {
    // `Date` rolls 2025-02-30 over to 2 March instead of refusing it, so check the day first.
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  } else if (!EXPLICIT_ZONE.test(text) || NUMERIC_DAY_MONTH.test(text)) {
    return undefined;
  }
  return fromEpochMs(Date.parse(text));
}

/**
 * Turns any date form Tickety uses into one ISO-8601 UTC string, or `undefined` when the value is
 * not a date we can read without guessing.
 */
export function toIsoDate(value: number | string): string | undefined {
  return typeof value === 'number' ? fromEpochMs(value) : fromString(value.trim());
}

/**
 * A point in time, normalised to an ISO-8601 UTC string. Tickety sends `reviewDate` as epoch
 * milliseconds (1747985458904) and every other date as an ISO string; either form is accepted for
 * every date field so one inconsistency on their side cannot break a delivery.
 */
export const dateTime = z
  .union([z.number(), z.string()], { error: (issue) => expectedMessage(DATE, issue.input) })
  .transform((value, ctx) => {
    const iso = toIsoDate(value);
    if (iso !== undefined) return iso;
    ctx.issues.push({ code: 'custom', message: `expected ${DATE}`, input: value });
    return z.NEVER;
  });

/**
 * A ticket priority level: 0 none, 1 low, 2 medium, 3 high (from Tickety's priority event page).
 */
export const priority = z.literal([0, 1, 2, 3], {
  error: (issue) => expectedMessage('a priority level (0, 1, 2 or 3)', issue.input),
});

/**
 * Marks a field Tickety may leave out. `null` is read as "not sent" too, so consumers only ever
 * see the value or `undefined`.
 */
export function maybe<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}
