import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startBridge } from '../../src/main.js';
import { startLocalDiscord, type LocalDiscord } from '../local-discord/index.js';
import { TEST_TUNING, postEvent, testConfig } from '../helpers/bridge.js';
import { fixtureBody } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp-db.js';
import { runTickety, text } from '../helpers/tickety-command.js';

const TOKEN = 'hardening-test-token-0123456789';
const PER_MINUTE = 40;

/** Sends a chunked body (no Content-Length) and resolves with the status. */
function postChunked(url: string, path: string, chunks: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      { method: 'POST', headers: { authorization: TOKEN } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('the endpoint under bad input and abuse', () => {
  let discord: LocalDiscord;
  let url: string;
  let stop: () => Promise<void>;
  const dir = tempDir();
  const post = (body: unknown, token = TOKEN) => postEvent(url, discord.guild.id, token, body);

  beforeAll(async () => {
    discord = await startLocalDiscord();
    const config = {
      ...testConfig(discord, dir.file('bridge.sqlite')),
      eventsPerMinute: PER_MINUTE,
    };
    const bridge = await startBridge(config, createLogger('silent'), TEST_TUNING);
    await bridge.ready;
    url = `http://127.0.0.1:${bridge.port}`;
    stop = () => bridge.stop();
    await runTickety(discord, 'setup', { token: text(TOKEN) });
  });
  afterAll(async () => {
    await stop?.();
    await discord?.close();
    dir.remove();
  });

  it('refuses JSON nested thousands of levels deep with 400, not a crash', async () => {
    const depth = 20_000;
    const body = `{"type":"ticket.close","payload":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(String(response.json.error)).toContain('nested');
  });

  it('refuses an oversized body sent in chunks without a Content-Length with 413', async () => {
    expect(
      await postChunked(url, `/tickety/${discord.guild.id}`, Array(80).fill('x'.repeat(1024))),
    ).toBe(413);
  });

  it('accepts a valid event sent in chunks without a Content-Length', async () => {
    const body = JSON.stringify(fixtureBody('ticket.unclaim'));
    const half = Math.ceil(body.length / 2);
    const chunks = [body.slice(0, half), body.slice(half)];
    expect(await postChunked(url, `/tickety/${discord.guild.id}`, chunks)).toBe(200);
  });

  it('accepts Bearer in any case and a token surrounded by tabs and spaces', async () => {
    for (const header of [`BEARER ${TOKEN}`, `bEaReR\t${TOKEN}`, `\t ${TOKEN}  `]) {
      expect((await post(fixtureBody('ticket.unclaim'), header)).status, header).toBe(200);
    }
  });

  it('never answers 500 to arbitrary JSON, whatever its shape', async () => {
    const types = ['ticket.close', 'application.accept', 'verification.pass', 'ticket.mystery'];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ type: fc.constantFrom(...types), payload: fc.jsonValue() }),
          fc.record({
            type: fc.constantFrom(...types),
            payload: fc.dictionary(fc.string(), fc.jsonValue()),
          }),
        ),
        async (body) => {
          const response = await post(JSON.stringify(body));
          expect([200, 400]).toContain(response.status);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('slows down repeated wrong tokens from one address but still lets the right token through at once', async () => {
    const answers = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      const response = await post(fixtureBody('ticket.create'), `guess-${i}`);
      answers.push({ status: response.status, ms: performance.now() - started });
    }
    expect(answers.every((answer) => answer.status === 401)).toBe(true);
    expect(answers[6]!.ms).toBeGreaterThanOrEqual(190);
    expect((await post(fixtureBody('ticket.create'))).status).toBe(200);
  });

  it('answers a flood from one server with 429 and Retry-After, and keeps the events it accepted', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < PER_MINUTE + 5; i++) {
      const response = await fetch(`${url}/tickety/${discord.guild.id}`, {
        method: 'POST',
        headers: { authorization: TOKEN },
        body: JSON.stringify(fixtureBody('ticket.claim')),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.body?.cancel();
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });
});
