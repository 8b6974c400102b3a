import { describe, expect, it } from 'vitest';
import { startLocalDiscord } from '../local-discord/index.js';
import { postEvent, startTestBridge, useBridge } from '../helpers/bridge.js';
import { fixtureBody } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp-db.js';

const TOKEN = 'endpoint-test-token-abcdefghijklmnop';
const OTHER_GUILD = '1200000000000000001';

describe('POST /tickety/:guildId', () => {
  const env = useBridge({ token: TOKEN });
  const post = (
    body: unknown,
    token: string | undefined = TOKEN,
    headers: Record<string, string> = {},
  ) => postEvent(env.bridge.url, env.discord.guild.id, token, body, headers);

  it('acknowledges a valid event with its stored id', async () => {
    const response = await post(fixtureBody('ticket.close'));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ok: true, id: expect.stringMatching(/^\d+$/) as string });
  });

  it.each([
    ['the bare token', TOKEN],
    ['a Bearer token', `Bearer ${TOKEN}`],
    ['a bearer token in lower case with white space around', `  bearer   ${TOKEN} \n`],
  ])('accepts %s', async (_, header) => {
    expect((await post(fixtureBody('verification.pass'), header)).status).toBe(200);
  });

  it('answers a wrong token, a missing header, another server and a malformed server id with the same 401', async () => {
    const body = fixtureBody('ticket.create');
    const answers = [
      await post(body, 'wrong-token'),
      await postEvent(env.bridge.url, env.discord.guild.id, undefined, body),
      await post(body, ''),
      await postEvent(env.bridge.url, OTHER_GUILD, TOKEN, body),
      await postEvent(env.bridge.url, 'not-a-server', TOKEN, body),
    ];
    for (const answer of answers)
      expect(answer).toEqual({ status: 401, json: { ok: false, error: 'unauthorized' } });
  });

  it.each([
    ['malformed JSON', '{"type": "ticket.close",', /not valid JSON/],
    ['an empty body', '', /not valid JSON/],
    ['a JSON array', '[1, 2]', /object/],
    ['a JSON string', '"ticket.close"', /object/],
    ['a missing type', '{"payload": {}}', /type/],
    ['a null payload', '{"type": "ticket.close", "payload": null}', /payload/],
  ])('refuses %s with 400 and a reason', async (_, body, reason) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.json.ok).toBe(false);
    expect(String(response.json.error)).toMatch(reason);
  });

  it('refuses a payload that fails its schema with 400 naming the field', async () => {
    const body = JSON.stringify(fixtureBody('ticket.close')).replace(
      '"closerId":"946032624009640467"',
      '"closerId":946032624009640467',
    );
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(String(response.json.error)).toContain('payload.closerId');
  });

  it('accepts valid JSON sent as text/plain, since Tickety does not document its content type', async () => {
    expect(
      (
        await post(JSON.stringify(fixtureBody('ticket.claim')), TOKEN, {
          'content-type': 'text/plain',
        })
      ).status,
    ).toBe(200);
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const body = fixtureBody('ticket.close');
    body.payload.closeReason = 'x'.repeat(70 * 1024);
    expect((await post(body)).status).toBe(413);
  });

  it('accepts the endpoint with a trailing slash the same as without it', async () => {
    const response = await fetch(`${env.bridge.url}/tickety/${env.discord.guild.id}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: TOKEN },
      body: JSON.stringify(fixtureBody('ticket.close')),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      id: expect.stringMatching(/^\d+$/) as string,
    });
  });

  it('stores and acknowledges an event type it does not know yet', async () => {
    const response = await post({ type: 'ticket.reopen', payload: { ticketId: 'abc' } });
    expect(response).toMatchObject({ status: 200, json: { ok: true } });
  });
});

describe('GET /healthz', () => {
  it('answers 200 while Discord is connected and 503 once the client is gone', async () => {
    const discord = await startLocalDiscord();
    const dir = tempDir();
    const bridge = await startTestBridge(discord, dir.file('bridge.sqlite'));
    try {
      const healthy = await fetch(`${bridge.url}/healthz`);
      expect(healthy.status).toBe(200);
      expect(await healthy.json()).toMatchObject({ ok: true, discord: 'ready', database: 'ok' });

      await discord.close();
      await expect
        .poll(async () => (await fetch(`${bridge.url}/healthz`)).status, { timeout: 10_000 })
        .toBe(503);
    } finally {
      await bridge.stop();
      dir.remove();
    }
  });
});
