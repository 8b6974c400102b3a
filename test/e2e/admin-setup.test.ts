import { describe, expect, it } from 'vitest';
import { postEvent, useBridge } from '../helpers/bridge.js';
import { runTickety, text } from '../helpers/tickety-command.js';

const BODY = {
  type: 'verification.fail',
  payload: { verificationId: 'v', userId: '1378950337007017535', status: 'FAILED' },
};

describe('/tickety setup with a token pasted imperfectly', () => {
  const env = useBridge();
  const setup = (token: string) => runTickety(env.discord, 'setup', { token: text(token) });
  const post = (token: string) => postEvent(env.bridge.url, env.discord.guild.id, token, BODY);

  it.each([
    ['a space inside', 'abc def-0123456789'],
    ['a tab inside', 'abc\tdef-0123456789'],
    ['a line break inside', 'abc\ndef-0123456789'],
    ['a zero-width space inside', 'abc\u200bdef-0123456789'],
    ['a control character inside', 'abc\u0007def-0123456789'],
    ['a letter outside ASCII inside', 'tökén-0123456789'],
  ])('a token with %s is refused and nothing is stored', async (_, token) => {
    const reply = await setup(token);
    expect(reply.content).toBe(
      "That token has a space, an invisible or a non-ASCII character inside: paste it exactly as Tickety's dashboard shows it.",
    );
    expect(
      (await runTickety(env.discord, 'status')).embeds[0]?.fields?.find((f) => f.name === 'Token')
        ?.value,
    ).toMatch(/^Not set/);
  });

  it('the word Bearer alone is not taken for a token', async () => {
    const reply = await setup(' Bearer ');
    expect(reply.content).toBe('That is only the word "Bearer": paste the token itself.');
  });

  it('a leading "Bearer " is left out, the reply says so, and the token works', async () => {
    const reply = await setup('  bEaReR   first-token-0123456789 ');
    expect(reply.content).toMatch(/^Token saved\. I left out the leading "Bearer "/);
    expect((await post('first-token-0123456789')).status).toBe(200);
    expect((await post('Bearer first-token-0123456789')).status).toBe(200);
  });

  it('setting the same token again says it is unchanged, and it keeps working', async () => {
    const reply = await setup('first-token-0123456789');
    expect(reply.content).toMatch(/^Token unchanged: this is the one already set\./);
    expect(reply.content).not.toContain('replaced');
    expect((await post('first-token-0123456789')).status).toBe(200);
  });

  it('a different token still replaces the old one', async () => {
    const reply = await setup('second-token-0123456789');
    expect(reply.content).toMatch(/^Token replaced: the old one stops working now\./);
    expect((await post('first-token-0123456789')).status).toBe(401);
    expect((await post('second-token-0123456789')).status).toBe(200);
  });
});
