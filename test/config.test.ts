import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const withPort = (PORT: string | undefined) => loadConfig({ DISCORD_TOKEN: 'token', PORT });

describe('PORT', () => {
  it.each(['0x10', '1e3', '3000.0', '+3000', '-1', '65536', '30 00', '99999999999999999999'])(
    'PORT=%j is refused with a message naming PORT',
    (value) => {
      expect(() => withPort(value)).toThrow(ConfigError);
      expect(() => withPort(value)).toThrow(/^PORT is invalid: expected a port number from 0 to/);
    },
  );

  it.each([
    ['0', 0],
    ['3000', 3000],
    ['65535', 65_535],
    ['  8080 ', 8080],
  ])('PORT=%j is port %d (white space around it is trimmed, as for HOST)', (value, port) => {
    expect(withPort(value).port).toBe(port);
  });

  it('an unset or empty PORT is 3000', () => {
    expect(withPort(undefined).port).toBe(3000);
    expect(withPort('').port).toBe(3000);
  });
});

describe('the other whole numbers', () => {
  it.each([
    ['RETENTION_DAYS', '0x10'],
    ['RETENTION_DAYS', '1e1'],
    ['EVENTS_PER_MINUTE', '0x10'],
    ['EVENTS_PER_MINUTE', '60.5'],
  ])('%s=%j is refused with a message naming it', (name, value) => {
    expect(() => loadConfig({ DISCORD_TOKEN: 'token', [name]: value })).toThrow(
      new RegExp(`^${name} is invalid`),
    );
  });

  it('decimal digits are read as the number they spell', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'token',
      RETENTION_DAYS: '7',
      EVENTS_PER_MINUTE: '1200',
    });
    expect(config).toMatchObject({ retentionDays: 7, eventsPerMinute: 1200 });
  });
});

describe('PUBLIC_URL', () => {
  const withPublicUrl = (PUBLIC_URL: string) => loadConfig({ DISCORD_TOKEN: 'token', PUBLIC_URL });

  it.each([
    'https://bridge.example/p?q=1#f',
    'https://bridge.example/p?q=1',
    'https://bridge.example/#f',
    'https://bridge.example/p?',
  ])(
    'PUBLIC_URL=%j is refused with one line naming PUBLIC_URL: /tickety/<server id> cannot follow a query or fragment',
    (value) => {
      expect(() => withPublicUrl(value)).toThrow(ConfigError);
      expect(() => withPublicUrl(value)).toThrow(
        `PUBLIC_URL is invalid: expected an http(s) URL without a query (?) or fragment (#), got "${value}"`,
      );
    },
  );

  it.each([
    ['https://bridge.example/p/', 'https://bridge.example/p'],
    ['https://bridge.example/', 'https://bridge.example'],
    ['https://bridge.example/p', 'https://bridge.example/p'],
  ])('PUBLIC_URL=%j is used as %j (a trailing slash is dropped)', (value, publicUrl) => {
    expect(withPublicUrl(value).publicUrl).toBe(publicUrl);
  });
});

describe('DISCORD_API_URL', () => {
  it.each(['http://user:S3cret@127.0.0.1:8080/api', 'https://token@proxy.example/api'])(
    'DISCORD_API_URL=%j is refused without repeating the credentials',
    (DISCORD_API_URL) => {
      const load = () => loadConfig({ DISCORD_TOKEN: 'token', DISCORD_API_URL });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow('DISCORD_API_URL is invalid: it must not hold a user name or password');
      expect(load).not.toThrow(/S3cret|token@/);
    },
  );

  it('an address with an @ only in its path is kept', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'token',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api/@v10/',
    });
    expect(config.discordApiUrl).toBe('http://127.0.0.1:8080/api/@v10');
  });
});
