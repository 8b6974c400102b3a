import { describe, expect, it } from 'vitest';
import { postEvent, useBridge } from '../helpers/bridge.js';
import { channel, runTickety, text } from '../helpers/tickety-command.js';

const TOKEN = 'display-test-token-0123456789';

/** The inline code spans of a Discord message, in order; throws when a span is left open. */
function codeSpans(markdown: string): string[] {
  const pieces = markdown.split('`');
  if (pieces.length % 2 === 0) throw new Error(`unbalanced backticks in ${markdown}`);
  return pieces.filter((_, index) => index % 2 === 1);
}

describe('values from users shown in code style', () => {
  const env = useBridge({ token: TOKEN });

  it('a panel with backticks and a line break stays one code span in the reply and the list', async () => {
    const saved = await runTickety(env.discord, 'route add', {
      event: text('ticket.*'),
      channel: channel(env.discord.guild.channels.tickets),
      panel: text('re`turns``\nx'),
    });
    expect(codeSpans(saved.content ?? '')).toEqual(['#1', 'ticket.*', "re'turns'' x"]);

    const list = await runTickety(env.discord, 'route list');
    const description = list.embeds[0]?.description ?? '';
    expect(description.split('\n')).toHaveLength(1);
    expect(codeSpans(description)).toEqual(['#1', 'ticket.*', "re'turns'' x"]);
  });

  it('an unknown event type with a backtick cannot break /tickety status', async () => {
    const posted = await postEvent(env.bridge.url, env.discord.guild.id, TOKEN, {
      type: 'ticket.re`open',
      payload: {},
    });
    expect(posted.status).toBe(200);

    const status = await runTickety(env.discord, 'status');
    const last = status.embeds[0]?.fields?.find((field) => field.name === 'Last event')?.value;
    expect(codeSpans(last ?? '')).toEqual(["ticket.re'open"]);
  });
});
