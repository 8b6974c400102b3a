/**
 * Extracts the token from an `Authorization` header. Tickety's documentation only says the header
 * holds the token, without a scheme, so both `<token>` and `Bearer <token>` (any case) are taken,
 * with surrounding white space ignored. Hono's bearer-auth helper accepts only one of the two forms
 * and answers a malformed header differently from a wrong token, which would tell an attacker why
 * they failed, so this small parser is ours.
 */
export function tokenFromAuthorization(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;

  let value = header.trim();
  if (/^bearer\s/i.test(value)) value = value.slice(7).trim();
  return value === '' ? undefined : value;
}
