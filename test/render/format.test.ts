import { describe, expect, it } from 'vitest';

import { formatDuration, moment, openFor, reason, transcript } from '../../src/render/format.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatDuration', () => {
  it.each([
    [DAY + 4 * HOUR + 49 * MINUTE, '1 day 4 hours'],
    [2 * DAY, '2 days'],
    [3 * DAY + 30 * MINUTE, '3 days'],
    [HOUR + MINUTE, '1 hour 1 minute'],
    [12 * MINUTE + 5_000, '12 minutes 5 seconds'],
    [45_000, '45 seconds'],
    [1_000, '1 second'],
    [400, 'less than a second'],
    [0, 'less than a second'],
    [400 * DAY, '400 days'],
  ])('says %d ms as "%s"', (ms, words) => {
    expect(formatDuration(ms)).toBe(words);
  });

  it('gives nothing for negative or impossible spans', () => {
    expect(formatDuration(-1)).toBeUndefined();
    expect(formatDuration(Number.NaN)).toBeUndefined();
  });

  it('measures a ticket from its open date to its close date', () => {
    expect(openFor('2025-03-07T09:12:44.318Z', '2025-03-08T14:02:19.507Z')).toBe('1 day 4 hours');
    expect(openFor('2025-03-08T00:00:00.000Z', '2025-03-07T00:00:00.000Z')).toBeUndefined();
    expect(openFor(undefined, '2025-03-07T00:00:00.000Z')).toBeUndefined();
  });
});

describe('moment', () => {
  it('shows a date as full and relative Discord timestamps', () => {
    expect(moment('2025-03-07T09:12:44.318Z')).toBe('<t:1741338764:f> (<t:1741338764:R>)');
  });
});

describe('reason', () => {
  it.each([undefined, '', '   \n '])('shows "No reason given" for %j', (text) => {
    expect(reason(text)).toBe('No reason given');
  });

  it('keeps the line breaks of a real reason', () => {
    expect(reason('line one\nline two')).toBe('line one\nline two');
  });
});

describe('transcript', () => {
  it('links an https transcript', () => {
    expect(transcript('https://tickety.top/transcripts/Hq8ZtW1nBv5KeLs0YpA')).toBe(
      '[Open transcript](https://tickety.top/transcripts/Hq8ZtW1nBv5KeLs0YpA)',
    );
  });

  it('encodes parentheses so they cannot end the link early', () => {
    expect(transcript('https://x.example/a)b(c')).toBe(
      '[Open transcript](https://x.example/a%29b%28c)',
    );
  });

  it.each([
    'http://tickety.top/transcripts/abc',
    'javascript:alert(1)',
    'ftp://x.example/file',
    'not a url',
    'https://user:pass@x.example/t',
  ])('shows %s as plain text that cannot link', (text) => {
    const shown = transcript(text);
    expect(shown).not.toContain('](');
    expect(shown).not.toContain('://');
  });
});
