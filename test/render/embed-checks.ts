import { embedLength, type APIEmbed } from 'discord.js';
import { expect } from 'vitest';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every piece of text in an embed, for checks that must hold everywhere. */
export function embedTexts(embed: APIEmbed): string[] {
  return [
    embed.title ?? '',
    embed.description ?? '',
    embed.footer?.text ?? '',
    embed.author?.name ?? '',
    ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
  ];
}

/** Asserts every Discord embed limit, non-empty fields, and no text broken mid-character. */
export function expectWithinLimits(embed: APIEmbed): void {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
  expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(256);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeGreaterThan(0);
    expect(field.name.length).toBeLessThanOrEqual(256);
    expect(field.value.trim().length).toBeGreaterThan(0);
    expect(field.value.length).toBeLessThanOrEqual(1024);
  }
  expect(embedLength(embed)).toBeLessThanOrEqual(6000);
  for (const text of embedTexts(embed)) expect(text).not.toMatch(LONE_SURROGATE);
}

/** The value of the field with this name; fails the test when there is no such field. */
export function fieldValue(embed: APIEmbed, name: string): string {
  const field = embed.fields?.find((candidate) => candidate.name === name);
  if (!field)
    throw new Error(`no "${name}" field in ${JSON.stringify(embed.fields?.map((f) => f.name))}`);
  return field.value;
}

/**
 * Every `<` in rendered text that is not defused (followed by a zero-width space) must open one
 * of the bot's own tokens: a user or channel mention of a real id, or a timestamp.
 */
export const OWN_MARKUP = /^<(?:@\d{17,20}>|#\d{17,20}>|t:\d+:[fR]>)/;

/** Asserts that no mention, link or ping in the embed can have come from user text. */
export function expectNoForeignMarkup(embed: APIEmbed): void {
  for (const text of embedTexts(embed)) {
    expect(text).not.toMatch(/@(everyone|here)/i);
    for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
      // Defused, or cut right after the `<` by truncation: neither can open markup.
      if (text[at + 1] === '\u200b' || text[at + 1] === '…') continue;
      expect(text.slice(at)).toMatch(OWN_MARKUP);
    }
    // The only link the bot makes is a transcript on https.
    const links = text.match(/:\/\/[^\s)]*/g) ?? [];
    for (const link of links) expect(text).toContain(`[Open transcript](https${link}`);
  }
}
