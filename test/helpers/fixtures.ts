import { readdirSync, readFileSync } from 'node:fs';

/** Tickety's sample events, one `<type>.json` per type (a copy of the documented examples). */
export const FIXTURES_DIR = new URL('../fixtures/tickety/', import.meta.url);

/** One fixture: the file's type name and its decoded body. */
export interface Fixture {
  type: string;
  body: { type: string; payload: Record<string, unknown> };
}

/** Reads every fixture at test time, so a fixture added later is tested without code changes. */
export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      type: file.slice(0, -'.json'.length),
      body: JSON.parse(readFileSync(new URL(file, FIXTURES_DIR), 'utf8')) as Fixture['body'],
    }));
}

/** A fixture's body by type; throws when missing, so a test cannot pass on nothing. */
export function fixtureBody(type: string): Fixture['body'] {
  const fixture = loadFixtures().find((candidate) => candidate.type === type);
  if (!fixture) throw new Error(`no fixture for ${type} in ${FIXTURES_DIR.pathname}`);
  return structuredClone(fixture.body);
}

/** The value of an embed's field by name, or undefined; tests read rendered facts through it. */
export function fieldValue(
  embed: { fields?: { name: string; value: string }[] },
  name: string,
): string | undefined {
  return embed.fields?.find((field) => field.name === name)?.value;
}
