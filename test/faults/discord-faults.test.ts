import { PermissionFlagsBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOT_ROLE_PERMISSIONS } from '../local-discord/seed.js';
import { TEST_TUNING } from '../helpers/bridge.js';
import { fixtureBody } from '../helpers/fixtures.js';
import { runTickety } from '../helpers/tickety-command.js';
import { FaultBench, sorted, ticketIds } from './fault-bench.js';

const MESSAGES = { method: 'POST', path: '/channels/:id/messages' };
const messagesIn = (channelId: string) => ({
  method: 'POST',
  path: `/channels/${channelId}/messages`,
});

/**
 * discord.js retries a 5xx or a timeout three times itself before the bridge sees an error, so a
 * fault armed this many times reaches the bridge's own retry policy exactly once.
 */
const ONE_FAILED_ATTEMPT = 4;

describe('GIVEN Discord fails in ways that pass', () => {
  let bench: FaultBench;
  afterEach(async () => bench?.stop());

  describe('with the fast test retry policy', () => {
    beforeEach(async () => {
      bench = await FaultBench.start();
    });

    it('a burst of 5xx answers is retried until every event is posted once', async () => {
      const { discord } = bench;
      await bench.route(discord.guild.channels.general);
      discord.faults.serverError(MESSAGES, { status: 503, times: 3 * ONE_FAILED_ATTEMPT });

      const ids = ticketIds('burst', 6);
      for (const id of ids) await bench.postTicket(id);

      await expect
        .poll(() => bench.ticketIds(discord.guild.channels.general).length, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(ids.length);
      const status = await bench.expectHealthyAndSettled();
      expect(sorted(bench.ticketIds(discord.guild.channels.general))).toEqual(sorted(ids));
      expect(status.failed).toBe('0');
      expect(discord.faults.pending).toBe(0);
    });

    it('a 5xx outage longer than the retry budget ends as a failed delivery that says to replay, and replay posts it once', async () => {
      const { discord } = bench;
      await bench.route(discord.guild.channels.general);
      discord.faults.serverError(MESSAGES, { status: 502, times: 10_000 });

      await bench.postTicket('outage-0');
      const status = await bench.expectHealthyAndSettled();
      expect(status.failed).toMatch(/^1\b/);
      expect(status.recentFailures).toContain('502');
      // The delivery will not be retried by itself any more, so its reason must not promise it.
      expect(status.recentFailures).not.toMatch(/will retry/i);
      expect(status.recentFailures).toMatch(/replay/);
      expect(bench.postAttempts(discord.guild.channels.general)).toBe(
        TEST_TUNING.retry!.maxAttempts * ONE_FAILED_ATTEMPT,
      );

      discord.faults.clear();
      expect((await runTickety(discord, 'replay')).content).toContain('Retrying 1 failed delivery');
      await discord.waitForMessages(discord.guild.channels.general, 1);
      const after = await bench.expectHealthyAndSettled();
      expect(after.failed).toBe('0');
      expect(bench.ticketIds(discord.guild.channels.general)).toEqual(['outage-0']);
    });

    it('connection resets and answers lost after the post took effect still give one post per event', async () => {
      const { discord } = bench;
      await bench.route(discord.guild.channels.general);
      discord.faults.resetConnection(MESSAGES, { times: 2 });
      discord.faults.loseResponse(MESSAGES, { times: 2 });

      const ids = ticketIds('reset', 5);
      for (const id of ids) await bench.postTicket(id);

      await expect
        .poll(() => bench.ticketIds(discord.guild.channels.general).length, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(ids.length);
      await bench.expectHealthyAndSettled();
      expect(sorted(bench.ticketIds(discord.guild.channels.general))).toEqual(sorted(ids));
      expect(discord.faults.pending).toBe(0);
    });

    it('a 429 storm on one channel does not hold up another channel, even one that needs a retry', async () => {
      const { discord } = bench;
      const { general: stormy, tickets: other } = discord.guild.channels;
      await bench.route(stormy);
      await bench.route(other);
      discord.faults.rateLimit(messagesIn(stormy), { retryAfterMs: 700, times: 2 });
      discord.faults.serverError(messagesIn(other), { status: 500, times: ONE_FAILED_ATTEMPT });

      const ids = ticketIds('storm', 3);
      for (const id of ids) await bench.postTicket(id);

      await expect
        .poll(() => bench.ticketIds(stormy).length, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(ids.length);
      await bench.expectHealthyAndSettled();
      expect(sorted(bench.ticketIds(stormy))).toEqual(sorted(ids));
      expect(sorted(bench.ticketIds(other))).toEqual(sorted(ids));
      // The other channel, retry included, was served while the storm still blocked the first.
      expect(Math.max(...bench.postedAt(other))).toBeLessThan(Math.min(...bench.postedAt(stormy)));
    });

    it('a global 429 pauses posts to every channel for its Retry-After, then every event is posted once', async () => {
      const { discord } = bench;
      const { general, tickets } = discord.guild.channels;
      await bench.route(general, 'ticket.create');
      await bench.route(tickets, 'ticket.close');
      discord.faults.rateLimit(MESSAGES, { retryAfterMs: 800, global: true, times: 1 });

      await bench.postTicket('global-0');
      const limited = await vi.waitFor(
        () => {
          const hit = discord.requests.find((r) => r.status === 429);
          if (!hit) throw new Error('no 429 yet');
          return hit;
        },
        { timeout: 5_000 },
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await bench.postTicket('global-1', 'ticket.close');

      await expect
        .poll(() => bench.ticketIds(general).length + bench.ticketIds(tickets).length, {
          timeout: 10_000,
        })
        .toBe(2);
      await bench.expectHealthyAndSettled();
      expect(bench.ticketIds(general)).toEqual(['global-0']);
      expect(bench.ticketIds(tickets)).toEqual(['global-1']);
      // The other channel waited too, instead of adding to a limit that covers every route.
      const pausedUntil = limited.at + 800;
      const tooEarly = discord.requests.filter(
        (r) => r.path.endsWith('/messages') && r.at > limited.at && r.at < pausedUntil - 50,
      );
      expect(tooEarly).toEqual([]);
      expect(discord.requests.filter((r) => r.status === 429)).toHaveLength(1);
    });
  });

  describe('with a short request timeout', () => {
    beforeEach(async () => {
      bench = await FaultBench.start({ ...TEST_TUNING, restTimeoutMs: 250 });
    });

    it('a post that hangs past the timeout is abandoned and retried, appears once, and another channel is served meanwhile', async () => {
      const { discord } = bench;
      const { general: hanging, tickets: other } = discord.guild.channels;
      await bench.route(hanging);
      await bench.route(other);
      discord.faults.hang(messagesIn(hanging), { times: ONE_FAILED_ATTEMPT + 1 });
      discord.faults.serverError(messagesIn(other), { status: 503, times: ONE_FAILED_ATTEMPT });

      const ids = ticketIds('hang', 3);
      for (const id of ids) await bench.postTicket(id);

      await expect
        .poll(() => bench.ticketIds(hanging).length, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(ids.length);
      await bench.expectHealthyAndSettled();
      expect(sorted(bench.ticketIds(hanging))).toEqual(sorted(ids));
      expect(sorted(bench.ticketIds(other))).toEqual(sorted(ids));
      expect(discord.faults.pending).toBe(0);
      expect(Math.max(...bench.postedAt(other))).toBeLessThan(Math.min(...bench.postedAt(hanging)));
    });
  });
});

describe('GIVEN a destination that cannot work', () => {
  let bench: FaultBench;
  beforeEach(async () => {
    bench = await FaultBench.start();
  });
  afterEach(async () => bench?.stop());

  it('a channel deleted mid-stream fails at once with the reason in /tickety status, and the other channel gets every event once', async () => {
    const { discord } = bench;
    const doomed = discord.createChannel(discord.guild.id, { name: 'doomed' });
    await bench.route(doomed);
    await bench.route(discord.guild.channels.general);

    await bench.postTicket('before-0');
    await discord.waitForMessages(doomed, 1);
    discord.deleteChannel(doomed);
    const after = ticketIds('after', 3);
    for (const id of after) await bench.postTicket(id);

    const status = await bench.expectHealthyAndSettled();
    expect(sorted(bench.ticketIds(discord.guild.channels.general))).toEqual(
      sorted(['before-0', ...after]),
    );
    expect(status.failed).toMatch(/^3\b/);
    expect(status.recentFailures).toContain(`<#${doomed}> no longer exists`);
    // Permanent: one attempt per message Discord refused, never a retry.
    const refused = discord.requests.filter(
      (r) => r.path === `/channels/${doomed}/messages` && r.status === 404,
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(after.length);
  });

  it('a removed Send Messages permission fails with what to grant, and replay after granting it posts once', async () => {
    const { discord } = bench;
    const { tickets, general } = discord.guild.channels;
    await bench.route(tickets);
    await bench.route(general);
    discord.setChannelOverwrites(tickets, [
      { id: discord.botUserId, type: 'member', deny: PermissionFlagsBits.SendMessages },
    ]);

    await bench.postTicket('denied-0');
    const status = await bench.expectHealthyAndSettled();
    expect(bench.ticketIds(general)).toEqual(['denied-0']);
    expect(bench.ticketIds(tickets)).toEqual([]);
    expect(status.recentFailures).toContain(`I can't post in <#${tickets}>: give me Send Messages`);

    discord.setChannelOverwrites(tickets, []);
    await runTickety(discord, 'replay');
    await discord.waitForMessages(tickets, 1);
    expect((await bench.expectHealthyAndSettled()).failed).toBe('0');
    expect(bench.ticketIds(tickets)).toEqual(['denied-0']);
    expect(bench.ticketIds(general)).toEqual(['denied-0']);
  });

  it('a role deleted after its action was saved fails with a reason naming the role, while messages still go out', async () => {
    const { discord } = bench;
    const { general } = discord.guild.channels;
    const doomedRole = discord.createRole(discord.guild.id, { name: 'Verified', position: 2 });
    const userId = discord.addMember(discord.guild.id, 'verifying');
    await bench.roleAction('verification.pass', doomedRole);
    await bench.route(general);
    discord.deleteRole(discord.guild.id, doomedRole);

    const body = fixtureBody('verification.pass');
    body.payload.userId = userId;
    await bench.post(body);

    const status = await bench.expectHealthyAndSettled();
    expect(status.failed).toMatch(/^1\b/);
    expect(status.recentFailures).toContain(`The role <@&${doomedRole}> no longer exists`);
    expect(discord.messages(general)).toHaveLength(1);
    expect(discord.memberRoles(discord.guild.id, userId)).toEqual([]);
  });

  it('a member who left fails with "not in the server any more", and another member still gets the role', async () => {
    const { discord } = bench;
    const memberRole = discord.guild.roles.member;
    const leaver = discord.addMember(discord.guild.id, 'leaver');
    const stayer = discord.addMember(discord.guild.id, 'stayer');
    await bench.roleAction('verification.pass', memberRole);
    discord.removeMember(discord.guild.id, leaver);

    for (const userId of [leaver, stayer]) {
      const body = fixtureBody('verification.pass');
      body.payload.userId = userId;
      await bench.post(body);
    }

    const status = await bench.expectHealthyAndSettled();
    expect(discord.memberRoles(discord.guild.id, stayer)).toEqual([memberRole]);
    expect(status.failed).toMatch(/^1\b/);
    expect(status.recentFailures).toContain(
      `The member <@${leaver}> is not in the server any more`,
    );
  });

  it('the bot losing Manage Roles fails role changes with what to grant, and the member keeps their roles', async () => {
    const { discord } = bench;
    const userId = discord.addMember(discord.guild.id, 'hopeful');
    await bench.roleAction('verification.pass', discord.guild.roles.member);
    discord.setRolePermissions(
      discord.guild.id,
      discord.guild.roles.bot,
      BOT_ROLE_PERMISSIONS & ~PermissionFlagsBits.ManageRoles,
    );

    const body = fixtureBody('verification.pass');
    body.payload.userId = userId;
    await bench.post(body);

    const status = await bench.expectHealthyAndSettled();
    expect(status.failed).toMatch(/^1\b/);
    expect(status.recentFailures).toContain(
      `I can't manage the role <@&${discord.guild.roles.member}>`,
    );
    expect(discord.memberRoles(discord.guild.id, userId)).toEqual([]);
  });
});

describe('GIVEN the gateway connection drops', () => {
  let bench: FaultBench;
  beforeEach(async () => {
    bench = await FaultBench.start();
  });
  afterEach(async () => bench?.stop());

  it('a drop that resumes loses nothing: events sent meanwhile are posted once, and /healthz and commands work after', async () => {
    const { discord } = bench;
    await bench.route(discord.guild.channels.general);
    const before = discord.gatewayStats;

    discord.dropGateway({ resumable: true, how: 'close' });
    const ids = ticketIds('resumed', 4);
    for (const id of ids) await bench.postTicket(id);

    await expect
      .poll(() => discord.gatewayStats.resumes, { timeout: 5_000 })
      .toBe(before.resumes + 1);
    expect(discord.gatewayStats.identifies).toBe(before.identifies);
    await bench.expectHealthyAndSettled();
    expect(sorted(bench.ticketIds(discord.guild.channels.general))).toEqual(sorted(ids));
  });

  it('a drop that cannot resume: /healthz says 503 until the bot identifies again, and deliveries do not wait for it', async () => {
    const { discord } = bench;
    await bench.route(discord.guild.channels.general);
    const before = discord.gatewayStats;

    discord.dropGateway({ resumable: false, how: 'destroy' });
    await expect.poll(() => bench.healthz(), { timeout: 3_000 }).toBe(503);
    const ids = ticketIds('reidentified', 4);
    for (const id of ids) await bench.postTicket(id);

    // Posting needs only REST: the events are out while the gateway is still down (discord.js
    // waits about 5 s between two IDENTIFYs).
    await discord.waitForMessages(discord.guild.channels.general, 1);
    await expect
      .poll(() => bench.ticketIds(discord.guild.channels.general).length, { timeout: 2_000 })
      .toBe(ids.length);
    expect(await bench.healthz()).toBe(503);

    await expect.poll(() => bench.healthz(), { timeout: 10_000 }).toBe(200);
    expect(discord.gatewayStats.identifies).toBe(before.identifies + 1);
    await bench.expectHealthyAndSettled();
    expect(sorted(bench.ticketIds(discord.guild.channels.general))).toEqual(sorted(ids));
  });
});

describe("GIVEN Discord's real rate limits", () => {
  let bench: FaultBench;
  beforeEach(async () => {
    bench = await FaultBench.start();
    bench.discord.rateLimits(true);
  });
  afterEach(async () => bench?.stop());

  it('a flood for one channel is batched, draws no 429, and does not hold up another channel', async () => {
    const { discord } = bench;
    const { general: flooded, tickets: quiet } = discord.guild.channels;
    await bench.route(flooded, 'ticket.create');
    await bench.route(quiet, 'ticket.close');

    const flood = ticketIds('flood', 40);
    for (const id of flood) await bench.postTicket(id);
    const calm = ticketIds('calm', 2);
    for (const id of calm) await bench.postTicket(id, 'ticket.close');

    await expect
      .poll(() => bench.ticketIds(flooded).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(flood.length);
    await bench.expectHealthyAndSettled();
    expect(sorted(bench.ticketIds(flooded))).toEqual(sorted(flood));
    expect(sorted(bench.ticketIds(quiet))).toEqual(sorted(calm));
    expect(discord.messages(flooded).length).toBeLessThan(flood.length / 2);
    expect(discord.requests.filter((r) => r.status === 429)).toEqual([]);
    // The quiet channel's events came after the whole flood, yet did not wait for the window.
    expect(Math.max(...bench.postedAt(quiet))).toBeLessThan(Math.max(...bench.postedAt(flooded)));
  });
});
