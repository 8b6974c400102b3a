import { expect } from 'vitest';
import type { Bridge, BridgeTuning } from '../../src/main.js';
import { startLocalDiscord, type LocalDiscord } from '../local-discord/index.js';
import { postEvent, startTestBridge, TEST_TUNING } from '../helpers/bridge.js';
import { fieldValue, fixtureBody } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp-db.js';
import { channel, role, runTickety, text } from '../helpers/tickety-command.js';

const TOKEN = 'fault-test-token-0123456789';

/** What `/tickety status` says about deliveries, as an admin reads it. */
export interface DeliveryStatus {
  pending: string | undefined;
  failed: string | undefined;
  recentFailures: string;
}

/**
 * A local Discord and an in-process bridge configured with the server's token, plus the few
 * observations every fault test makes: which ticket ids reached a channel, when Discord accepted
 * a post, what `/tickety status` says and whether `/healthz` is green.
 */
export class FaultBench {
  private constructor(
    readonly discord: LocalDiscord,
    readonly bridge: Bridge & { url: string },
    private readonly dir: ReturnType<typeof tempDir>,
  ) {}

  static async start(tuning: BridgeTuning = TEST_TUNING): Promise<FaultBench> {
    const dir = tempDir('tickety-faults-');
    const discord = await startLocalDiscord();
    const bridge = await startTestBridge(discord, dir.file('bridge.sqlite'), tuning);
    await runTickety(discord, 'setup', { token: text(TOKEN) });
    return new FaultBench(discord, bridge, dir);
  }

  /** Disarms every fault first, so stopping never waits on a request that would hang. */
  async stop(): Promise<void> {
    this.discord.faults.clear();
    await this.bridge.stop();
    await this.discord.close();
    this.dir.remove();
  }

  /** Adds a routing rule and checks that it was saved. */
  async route(channelId: string, event = '*'): Promise<void> {
    const reply = await runTickety(this.discord, 'route add', {
      event: text(event),
      channel: channel(channelId),
    });
    expect(reply.content).toMatch(/^Saved rule/);
  }

  /** Adds a role action and checks that it was saved. */
  async roleAction(event: string, roleId: string, mode: 'add' | 'remove' = 'add'): Promise<void> {
    const reply = await runTickety(this.discord, 'action add', {
      event: text(event),
      role: role(roleId),
      mode: text(mode),
    });
    expect(reply.content).toMatch(/^Saved action/);
  }

  /** POSTs an event the way Tickety does and requires the 200 that promises delivery. */
  async post(body: unknown): Promise<void> {
    const response = await postEvent(this.bridge.url, this.discord.guild.id, TOKEN, body);
    expect(response.status, JSON.stringify(response.json)).toBe(200);
  }

  /** POSTs a ticket event whose Ticket ID field identifies it in the channel afterwards. */
  async postTicket(ticketId: string, type = 'ticket.create'): Promise<void> {
    const body = fixtureBody(type);
    body.payload.ticketId = ticketId;
    await this.post(body);
  }

  /** Ticket ids of every embed posted in a channel, one entry per embed (batches included). */
  ticketIds(channelId: string): string[] {
    return this.discord
      .messages(channelId)
      .flatMap((message) => message.embeds)
      .map((embed) => fieldValue(embed, 'Ticket ID') ?? '(no ticket id)');
  }

  /** When Discord accepted each post to a channel (the request log's clock). */
  postedAt(channelId: string): number[] {
    return this.discord.requests
      .filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`)
      .filter((r) => r.status === 200)
      .map((r) => r.at);
  }

  /** How many message posts to a channel Discord saw, whatever their outcome. */
  postAttempts(channelId: string): number {
    return this.discord.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`,
    ).length;
  }

  async healthz(): Promise<number> {
    return (await fetch(`${this.bridge.url}/healthz`)).status;
  }

  async status(): Promise<DeliveryStatus> {
    const [embed] = (await runTickety(this.discord, 'status')).embeds;
    if (!embed) throw new Error('/tickety status answered without an embed');
    return {
      pending: fieldValue(embed, 'Deliveries pending'),
      failed: fieldValue(embed, 'Deliveries failed'),
      recentFailures: fieldValue(embed, 'Recent failures') ?? '',
    };
  }

  /** Waits until nothing is pending any more: each delivery was posted or failed for good. */
  async settled(timeout = 10_000): Promise<DeliveryStatus> {
    await expect.poll(async () => (await this.status()).pending, { timeout }).toBe('0');
    return this.status();
  }

  /**
   * The end state every fault must leave: nothing pending, the process healthy, and the local
   * Discord itself without internal errors (so a pass is not an artefact of the emulator).
   */
  async expectHealthyAndSettled(): Promise<DeliveryStatus> {
    const status = await this.settled();
    await expect.poll(() => this.healthz(), { timeout: 5_000 }).toBe(200);
    expect(this.discord.internalErrors).toEqual([]);
    return status;
  }
}

/** `prefix-0` … `prefix-(count-1)`. */
export function ticketIds(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
}

/** Sorted copy, for comparing what arrived with what was sent, duplicates kept. */
export function sorted(ids: readonly string[]): string[] {
  return [...ids].sort();
}
