import { describe, expect, it } from 'vitest';

import { describeValue, toIsoDate } from '../../src/tickety/values.js';

describe('toIsoDate', () => {
  it.each([
    [1747985458904, '2025-05-23T07:30:58.904Z'],
    [0, '1970-01-01T00:00:00.000Z'],
    ['2025-03-07T09:12:44.318Z', '2025-03-07T09:12:44.318Z'],
    ['2025-03-07T09:12:44Z', '2025-03-07T09:12:44.000Z'],
    ['2025-03-07 09:12:44Z', '2025-03-07T09:12:44.000Z'],
    ['2025-03-07T09:12:44.318+05:30', '2025-03-07T03:42:44.318Z'],
    ['2025-03-07', '2025-03-07T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['Fri, 07 Mar 2025 09:12:44 GMT', '2025-03-07T09:12:44.000Z'],
    ['March 7, 2025 09:12 UTC', '2025-03-07T09:12:00.000Z'],
  ])('reads %j as %s', (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });

  it.each([
    NaN,
    Infinity,
    -1,
    1e16,
    '',
    'soon',
    '2025-02-29',
    '2025-13-01T00:00:00Z',
    '2025-03-07T09:12:44',
    '07/03/2025 09:00 UTC',
    '1747985458904',
    'x'.repeat(100),
  ])('refuses %j', (input) => {
    expect(toIsoDate(input)).toBeUndefined();
  });
});

describe('describeValue', () => {
  it('names JSON kinds without echoing the value', () => {
    expect([null, [], {}, 'secret', 1, false].map(describeValue)).toEqual([
      'null',
      'an array',
      'an object',
      'a string',
      'a number',
      'a boolean',
    ]);
  });
});
