import { describe, expect, it } from 'vitest';

import { escapeUserText, plainText, safeText } from '../../src/render/escape.js';

const ZWSP = '\u200b';

describe('escapeUserText', () => {
  it('leaves ordinary names readable and unchanged', () => {
    expect(escapeUserText('rma-4471-quillfeather')).toBe('rma-4471-quillfeather');
    expect(escapeUserText('Replacement shipped, tracking sent by DM')).toBe(
      'Replacement shipped, tracking sent by DM',
    );
  });

  it('breaks @everyone and @here in any case with a zero-width space', () => {
    const safe = escapeUserText('hey @everyone and @HERE');
    expect(safe).toBe(`hey @${ZWSP}everyone and @${ZWSP}HERE`);
    expect(safe).not.toMatch(/@(everyone|here)/i);
  });

  it.each([
    ['a user mention', '<@854073502861066626>'],
    ['a nickname mention', '<@!854073502861066626>'],
    ['a role mention', '<@&123>'],
    ['a channel mention', '<#1347497185532818989>'],
    ['a slash command mention', '</tickety setup:1234567890123456789>'],
    ['a timestamp', '<t:1741338764:R>'],
    ['a custom emoji', '<:pepe_laugh:1234567890123456789>'],
  ])('defuses %s so it shows as text', (_label, markup) => {
    const safe = escapeUserText(markup);
    expect(safe.startsWith(`<${ZWSP}`)).toBe(true);
    expect(safe).not.toMatch(/<[@#/:t]/);
  });

  it('defuses a masked link and leaves no URL to autolink', () => {
    const safe = escapeUserText('[x](https://evil.example/login)');
    expect(safe).not.toContain('](https://');
    expect(safe).not.toContain('://');
    expect(safe.startsWith('\\[')).toBe(true);
  });

  it('escapes code block breakers and inline code', () => {
    const safe = escapeUserText('```js\nalert(1)\n``` and `code`');
    expect(safe).not.toMatch(/(^|[^\\])`/);
    expect(safe).toContain('\\`\\`\\`');
  });

  it('escapes bold, italics, underline, strike-through and spoilers', () => {
    const safe = escapeUserText('**b** *i* __u__ _i_ ~~s~~ ||spoiler||');
    expect(safe).toBe(
      '\\*\\*b\\*\\* \\*i\\* \\_\\_u\\_\\_ \\_i\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|',
    );
  });

  it('escapes underscores inside what used to be a URL', () => {
    expect(escapeUserText('https://x.example/_a_')).toBe(`https:${ZWSP}//x.example/\\_a\\_`);
  });

  it('escapes headings, subtext, lists and block quotes at line starts', () => {
    const safe = escapeUserText('# Big\n-# small\n- item\n1. first\n> quote\n>>> all', {
      multiline: true,
    });
    expect(safe.split('\n')).toEqual([
      '\\# Big',
      '\\-# small',
      '\\- item',
      '1\\. first',
      '\\> quote',
      '\\>>> all',
    ]);
  });

  it('escapes backslashes, so a user backslash cannot undo an escape', () => {
    expect(escapeUserText('\\*x*')).toBe('\\\\\\*x\\*');
  });

  it('turns line breaks into spaces unless several lines are allowed', () => {
    expect(escapeUserText('a\nb\r\nc')).toBe('a b c');
    expect(escapeUserText('a\r\nb\n\n\n\nc', { multiline: true })).toBe('a\nb\n\nc');
  });

  it('removes bidi overrides and control characters that could disguise text', () => {
    expect(escapeUserText('abc\u202edcba\u0000\u0007')).toBe('abcdcba');
    expect(escapeUserText('@\u202eeveryone')).toBe(`@${ZWSP}everyone`);
    expect(escapeUserText('<\u2066@&123>')).toBe(`<${ZWSP}@&123>`);
  });

  it('keeps zero-width characters already in the text, which cannot form markup', () => {
    expect(escapeUserText(`@${ZWSP}everyone`)).toBe(`@${ZWSP}everyone`);
    expect(escapeUserText('👨‍👩‍👧')).toBe('👨‍👩‍👧');
  });
});

describe('plainText', () => {
  it('replaces half surrogate pairs and strips controls, but escapes no markdown', () => {
    expect(plainText('a\ud800b*c\u202e')).toBe('a\ufffdb*c');
  });

  it('still defuses mentions, pings and links', () => {
    expect(plainText('<@&1> @everyone https://x')).toBe(
      '<\u200b@&1> @\u200beveryone https:\u200b//x',
    );
  });
});

describe('safeText', () => {
  it('shortens a 5000-character word to the limit with a visible mark', () => {
    const safe = safeText('x'.repeat(5000), 1000);
    expect(safe).toHaveLength(1000);
    expect(safe.endsWith('…')).toBe(true);
  });

  it('stays within the limit even when escaping doubles the length', () => {
    const safe = safeText('*'.repeat(5000), 1000);
    expect(safe.length).toBeLessThanOrEqual(1000);
    expect(safe).toMatch(/^(\\\*)+…$/);
  });

  it('escapes 100 kB of markers in linear time, even without shortening first', () => {
    const started = performance.now();
    const safe = escapeUserText('*_[<'.repeat(25_000));
    expect(performance.now() - started).toBeLessThan(500);
    expect(safe.startsWith('\\*\\_\\[<\u200b')).toBe(true);
  });

  it('escapes a 100 kB run of underscores quickly', () => {
    const started = performance.now();
    safeText('_a'.repeat(50_000), 1024);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
