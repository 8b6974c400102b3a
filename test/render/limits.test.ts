import type { APIEmbed } from 'discord.js';
import { embedLength } from 'discord.js';
import { describe, expect, it } from 'vitest';

import { EMBED_LIMITS, fitEmbed, truncate, TRUNCATION_MARK } from '../../src/render/limits.js';
import { expectWithinLimits } from './embed-checks.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemeBoundaries(text: string): Set<number> {
  const ends = new Set([0]);
  for (const { index, segment } of graphemes.segment(text)) ends.add(index + segment.length);
  return ends;
}

describe('truncate', () => {
  it('leaves text that fits alone, including text exactly at the limit', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('', 0)).toBe('');
  });

  it('ends shortened text with the mark and stays within the limit', () => {
    const cut = truncate('abcdefghij', 5);
    expect(cut).toBe('abcd…');
    expect(cut.length).toBe(5);
    expect(TRUNCATION_MARK).toBe('…');
  });

  it('never splits a surrogate pair when an emoji sits exactly on the boundary', () => {
    // 'a' x 9, then emoji whose halves are at indexes 9 and 10. With max 11 there are 10 units
    // of room before the mark, which ends between the two halves.
    const text = `${'a'.repeat(9)}${'😀'.repeat(5)}`;
    expect(truncate(text, 11)).toBe(`${'a'.repeat(9)}…`);
    expect(truncate(text, 12)).toBe(`${'a'.repeat(9)}😀…`);
  });

  it('keeps a family emoji, a flag and an accented letter whole or drops them whole', () => {
    const text = 'ab👨‍👩‍👧‍👦🇳🇱e\u0301xyz';
    for (let max = 1; max < text.length; max += 1) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      const kept = cut.slice(0, -1);
      expect(text.startsWith(kept)).toBe(true);
      expect(graphemeBoundaries(text).has(kept.length)).toBe(true);
    }
  });

  it('cuts a single huge grapheme between code points rather than dropping everything', () => {
    const zalgo = `a${'\u0301'.repeat(5000)}`;
    const cut = truncate(zalgo, 100);
    expect(cut.length).toBe(100);
    expect(cut.startsWith('a\u0301')).toBe(true);
  });

  it('drops a lone trailing backslash so it cannot escape the mark', () => {
    expect(truncate('abc\\def', 5)).toBe('abc…');
    expect(truncate('ab\\\\def', 5)).toBe('ab\\\\…');
  });

  it('returns nothing when not even the mark fits', () => {
    expect(truncate('abc', 0)).toBe('');
  });
});

describe('fitEmbed', () => {
  it('keeps at most 25 fields', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'v' }));
    const fitted = fitEmbed({ fields });
    expect(fitted.fields).toHaveLength(25);
    expect(fitted.fields?.[24]?.name).toBe('f24');
  });

  it('shortens each text to its own limit', () => {
    const fitted = fitEmbed({
      title: 't'.repeat(300),
      description: 'd'.repeat(5000),
      footer: { text: 'f'.repeat(2100) },
      author: { name: 'a'.repeat(300) },
      fields: [{ name: 'n'.repeat(300), value: 'v'.repeat(2000) }],
    });
    expect(fitted.title).toHaveLength(EMBED_LIMITS.title);
    expect(fitted.title?.endsWith('…')).toBe(true);
    expect(fitted.fields?.[0]?.name).toHaveLength(EMBED_LIMITS.fieldName);
    expect(fitted.fields?.[0]?.value).toHaveLength(EMBED_LIMITS.fieldValue);
    expectWithinLimits(fitted);
  });

  it('brings a 25-field embed of long values under 6000 characters in total', () => {
    const fields = Array.from({ length: 25 }, (_, i) => ({
      name: `Field ${i} ${'n'.repeat(240)}`,
      value: 'v'.repeat(1024),
    }));
    const embed: APIEmbed = { title: 'x'.repeat(256), description: 'd'.repeat(4096), fields };
    expect(embedLength(embed)).toBeGreaterThan(30_000);
    const fitted = fitEmbed(embed);
    expectWithinLimits(fitted);
    expect(fitted.fields?.[0]?.name.startsWith('Field 0')).toBe(true);
  });

  it('shortens the longest text first and leaves short facts untouched', () => {
    const fitted = fitEmbed({
      title: 'Ticket closed',
      description: 'd'.repeat(4096),
      fields: [
        { name: 'Closed by', value: '<@946032624009640467>' },
        { name: 'Reason', value: 'r'.repeat(1024) },
        { name: 'Other fields', value: 'o'.repeat(1024) },
      ],
    });
    expect(embedLength(fitted)).toBeLessThanOrEqual(6000);
    expect(fitted.fields?.[0]?.value).toBe('<@946032624009640467>');
    expect(fitted.fields?.[1]?.value).toBe('r'.repeat(1024));
    expect(fitted.title).toBe('Ticket closed');
  });

  it('fills blank field names and values so Discord does not refuse them', () => {
    const fitted = fitEmbed({ fields: [{ name: '', value: '   ' }] });
    expect(fitted.fields?.[0]).toEqual({ name: '\u200b', value: '\u200b' });
  });

  it('does not change the embed it is given', () => {
    const embed: APIEmbed = {
      title: 't'.repeat(300),
      fields: [{ name: 'n', value: 'v'.repeat(2000) }],
    };
    const copy = structuredClone(embed);
    fitEmbed(embed);
    expect(embed).toEqual(copy);
  });
});
