import { ApplicationCommandOptionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { useBridge } from '../helpers/bridge.js';
import {
  channel,
  integer,
  role,
  runTickety,
  text,
  type OptionValue,
} from '../helpers/tickety-command.js';

describe('command options Discord would limit, sent raw', () => {
  const env = useBridge();

  it.each([
    ['ticket.open', 'such as `ticket.create` or `ticket.*`.'],
    ['Ticket.Create', 'such as `ticket.create`.'],
    ['tickets.*', 'such as `ticket.create` or `ticket.*`.'],
    ['application.approve', 'such as `application.submit` or `application.*`.'],
    ['verification', 'such as `verification.pass` or `verification.*`.'],
    ['', 'such as `ticket.create` or `ticket.*`.'],
  ])(
    'route add with event %j is refused with the accepted values, and no rule is saved',
    async (value, hint) => {
      const { discord } = env;
      const reply = await runTickety(discord, 'route add', {
        event: text(value),
        channel: channel(discord.guild.channels.tickets),
      });
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toContain('is not an event: pick one of the suggestions');
      expect(reply.content).toContain(hint);
      if (value !== '') expect(reply.content).toContain(`\`${value}\``);

      const list = await runTickety(discord, 'route list');
      expect(list.embeds[0]?.description).toContain('No rules yet');
    },
  );

  it('a value with backticks cannot break the reply formatting', async () => {
    const reply = await runTickety(env.discord, 'test', { event: text('a`*`b'.repeat(40)) });
    expect(reply.content).toMatch(/^`[^`]+` is not an event/);
    expect(reply.content!.length).toBeLessThan(200);
  });

  it('action add with an event that does not exist is refused, and no action is saved', async () => {
    const { discord } = env;
    const reply = await runTickety(discord, 'action add', {
      event: text('verification.passed'),
      role: role(discord.guild.roles.member),
      mode: text('add'),
    });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(
      '`verification.passed` is not an event: pick one of the suggestions, such as `verification.pass` or `verification.*`.',
    );
    const list = await runTickety(discord, 'action list');
    expect(list.embeds[0]?.description).toContain('No role actions yet');
  });

  it('test with an event that does not exist is refused instead of sending nothing', async () => {
    const reply = await runTickety(env.discord, 'test', { event: text('nope.x') });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(
      '`nope.x` is not an event: pick one of the suggestions, such as `ticket.create` or `ticket.*`.',
    );
  });

  const rawInteger = (value: string): OptionValue => ({
    type: ApplicationCommandOptionType.Integer,
    value,
  });

  it.each([
    ['route remove', integer(-1), 'There is no rule `#-1` in this server'],
    ['route remove', integer(0), 'There is no rule `#0` in this server'],
    ['route remove', integer(1.5), 'There is no rule `#1.5` in this server'],
    ['route remove', rawInteger('1'), 'There is no rule `#1` in this server'],
    ['action remove', integer(-1), 'There is no action `#-1` in this server'],
    ['action remove', integer(2 ** 60), 'There is no action `#1152921504606847000`'],
  ])('%s with id %j is refused as not a rule id', async (path, id, refusal) => {
    const reply = await runTickety(env.discord, path, { id });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(refusal);
    expect(reply.content).toContain('ids are whole numbers from 1');
  });

  it('a refused id removes nothing: the rule with that number is still there', async () => {
    const { discord } = env;
    const saved = await runTickety(discord, 'route add', {
      event: text('ticket.close'),
      channel: channel(discord.guild.channels.tickets),
    });
    const id = Number(/#(\d+)/.exec(saved.content ?? '')?.[1]);

    const refused = await runTickety(discord, 'route remove', { id: rawInteger(String(id)) });
    expect(refused.content).toContain('ids are whole numbers');
    expect((await runTickety(discord, 'route list')).embeds[0]?.description).toContain(`#${id}`);
  });
});

describe('rules that overlap on one channel', () => {
  const env = useBridge();

  it('ticket.* and ticket.create for #tickets post one embed there, with the ping, and /tickety test says so', async () => {
    const { discord } = env;
    const tickets = discord.guild.channels.tickets;
    const staff = discord.guild.roles.staff;
    const ruleId = async (options: Record<string, OptionValue>) => {
      const saved = await runTickety(discord, 'route add', options);
      return Number(/#(\d+)/.exec(saved.content ?? '')?.[1]);
    };
    const all = await ruleId({ event: text('ticket.*'), channel: channel(tickets) });
    const create = await ruleId({
      event: text('ticket.create'),
      channel: channel(tickets),
      mention: role(staff),
    });
    await ruleId({ event: text('verification.fail'), channel: channel(tickets) });

    const reply = await runTickety(discord, 'test', { event: text('ticket.create') });
    expect(reply.content).toContain(`posted in <#${tickets}> (rules #${all}, #${create})`);
    expect(reply.content?.match(/posted in/g)).toHaveLength(1);

    // One channel is one ordered lane: once the later event's embed is there, a second copy of
    // the first would have been posted before it.
    await runTickety(discord, 'test', { event: text('verification.fail') });
    const footers = () =>
      discord
        .messages(tickets)
        .flatMap((message) => message.embeds.map((embed) => embed.footer?.text ?? ''));
    await expect
      .poll(() => footers().some((footer) => footer.includes('verification.fail')), {
        timeout: 5_000,
      })
      .toBe(true);
    expect(footers().filter((footer) => footer.includes('ticket.create'))).toHaveLength(1);

    const [first] = discord.messages(tickets);
    expect(first?.content).toBe(`<@&${staff}>`);
    expect(first?.mention_roles).toEqual([staff]);
  });
});
