import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalDiscord, type LocalDiscord } from '../local-discord/index.js';
import {
  bridgeEnv,
  killBridge,
  postEvent,
  spawnBridge,
  type BridgeProcess,
} from '../helpers/bridge.js';
import { fieldValue, fixtureBody } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp-db.js';
import { channel, runTickety, text } from '../helpers/tickety-command.js';
import { sorted, ticketIds } from './fault-bench.js';

const TOKEN = 'crash-test-token-0123456789';
const BURST = 300;
const KILL_AFTER_ACKS = 150;
const CONCURRENCY = 16;
const CONCURRENT_POSTS = 200;
const LOCK_HELD_MS = 1_000;

/** What became of one POST: its HTTP status, or that no answer came (the process died). */
type Outcome = { ticketId: string; status: number | 'no answer'; at: number };

describe('GIVEN the bridge runs as its own process', () => {
  let discord: LocalDiscord;
  let dir: ReturnType<typeof tempDir>;
  let bridge: BridgeProcess | undefined;

  beforeEach(async () => {
    dir = tempDir('tickety-crash-');
    discord = await startLocalDiscord();
  });
  afterEach(async () => {
    discord.faults.clear();
    if (bridge) await killBridge(bridge);
    bridge = undefined;
    await discord.close();
    dir.remove();
  });

  const start = async (): Promise<BridgeProcess> => {
    bridge = await spawnBridge({
      ...bridgeEnv(discord, dir.file('bridge.sqlite')),
      // The per-server flood limit is not what these tests are about.
      EVENTS_PER_MINUTE: '1000000',
    });
    await bridge.waitForLog('connected to discord');
    return bridge;
  };

  const configure = async (): Promise<void> => {
    await runTickety(discord, 'setup', { token: text(TOKEN) });
    for (const target of [discord.guild.channels.general, discord.guild.channels.tickets]) {
      const reply = await runTickety(discord, 'route add', {
        event: text('*'),
        channel: channel(target),
      });
      expect(reply.content).toMatch(/^Saved rule/);
    }
  };

  const postTicket = async (url: string, ticketId: string): Promise<Outcome> => {
    const body = fixtureBody('ticket.create');
    body.payload.ticketId = ticketId;
    try {
      const { status } = await postEvent(url, discord.guild.id, TOKEN, body);
      return { ticketId, status, at: Date.now() };
    } catch {
      return { ticketId, status: 'no answer', at: Date.now() };
    }
  };

  const delivered = (channelId: string): string[] =>
    discord
      .messages(channelId)
      .flatMap((message) => message.embeds)
      .map((embed) => fieldValue(embed, 'Ticket ID') ?? '(no ticket id)');

  const pendingDeliveries = async (): Promise<string | undefined> => {
    const [embed] = (await runTickety(discord, 'status')).embeds;
    return embed && fieldValue(embed, 'Deliveries pending');
  };

  it('WHEN it is killed with SIGKILL mid-burst and started again THEN every event that got a 200 is posted exactly once in each channel', async () => {
    const first = await start();
    await configure();
    const { general, tickets } = discord.guild.channels;

    // At the kill, #general holds posts Discord made but the bridge never heard about (their
    // retries wait on the backoff) and acknowledged events stuck behind a long 429; #tickets
    // runs freely, so the kill lands wherever it lands.
    const postsToGeneral = { method: 'POST', path: `/channels/${general}/messages` };
    discord.faults.loseResponse(postsToGeneral, { times: 2 });
    discord.faults.rateLimit(postsToGeneral, { retryAfterMs: 30_000, times: 1 });

    const ids = ticketIds('crash', BURST);
    const outcomes: Outcome[] = [];
    let killed: Promise<number | null> | undefined;
    let next = 0;
    const sender = async (): Promise<void> => {
      while (!killed && next < ids.length) {
        const outcome = await postTicket(first.url, ids[next++]!);
        outcomes.push(outcome);
        const acks = outcomes.filter((o) => o.status === 200).length;
        if (!killed && acks >= KILL_AFTER_ACKS) killed = killBridge(first, 'SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    expect(await killed).toBeNull();

    const acknowledged = outcomes.filter((o) => o.status === 200).map((o) => o.ticketId);
    expect(outcomes.filter((o) => o.status !== 200 && o.status !== 'no answer')).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acknowledged.length).toBeLessThan(BURST);
    expect(discord.faults.pending).toBe(0);
    const postedBeforeKill = new Set(delivered(general));
    expect(acknowledged.filter((id) => !postedBeforeKill.has(id)).length).toBeGreaterThan(0);

    discord.faults.clear();
    await start();
    for (const target of [general, tickets]) {
      await expect
        .poll(() => new Set(delivered(target)), { timeout: 20_000 })
        .toSatisfy((seen: Set<string>) => acknowledged.every((id) => seen.has(id)));
    }
    await expect.poll(pendingDeliveries, { timeout: 10_000 }).toBe('0');

    // An event whose POST got no answer may or may not have been stored: once at most, then.
    const sent = new Set(outcomes.map((o) => o.ticketId));
    for (const target of [general, tickets]) {
      const posted = delivered(target);
      expect(posted.length, `duplicate posts in ${target}`).toBe(new Set(posted).size);
      expect(posted.filter((id) => !sent.has(id))).toEqual([]);
    }
  });

  it('WHEN many POSTs arrive at once while another connection holds the write lock THEN every one is answered 200 and posted once', async () => {
    const running = await start();
    await configure();
    const { general, tickets } = discord.guild.channels;

    const ids = ticketIds('busy', CONCURRENT_POSTS);
    const blocker = new BetterSqlite3(dir.file('bridge.sqlite'), { timeout: 5_000 });
    let released = 0;
    const outcomes = await (async () => {
      try {
        blocker.exec('BEGIN IMMEDIATE');
        const release = new Promise<void>((resolve) =>
          setTimeout(() => {
            blocker.exec('COMMIT');
            released = Date.now();
            resolve();
          }, LOCK_HELD_MS),
        );
        const [answers] = await Promise.all([
          Promise.all(ids.map((id) => postTicket(running.url, id))),
          release,
        ]);
        return answers;
      } finally {
        if (blocker.inTransaction) blocker.exec('ROLLBACK');
        blocker.close();
      }
    })();

    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
    // The lock really was in the way: answers waited for it instead of failing fast.
    expect(outcomes.filter((o) => o.at >= released).length).toBeGreaterThan(0);

    for (const target of [general, tickets]) {
      await expect.poll(() => delivered(target).length, { timeout: 20_000 }).toBe(ids.length);
    }
    await expect.poll(pendingDeliveries, { timeout: 10_000 }).toBe('0');
    for (const target of [general, tickets]) expect(sorted(delivered(target))).toEqual(sorted(ids));
    expect(running.logs.filter((line) => line.msg === 'request failed')).toEqual([]);
  });
});
