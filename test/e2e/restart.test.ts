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

const TOKEN = 'restart-test-token-0123456789';
const EVENTS = 20;

describe('GIVEN deliveries still pending when the process is killed', () => {
  let discord: LocalDiscord;
  let dir: ReturnType<typeof tempDir>;
  let bridge: BridgeProcess | undefined;

  beforeEach(async () => {
    dir = tempDir();
    discord = await startLocalDiscord();
  });
  afterEach(async () => {
    if (bridge) await killBridge(bridge);
    await discord.close();
    dir.remove();
  });

  const start = async () => {
    bridge = await spawnBridge(bridgeEnv(discord, dir.file('bridge.sqlite')));
    await bridge.waitForLog('connected to discord');
    return bridge;
  };

  it('THEN after a restart every acknowledged event is delivered exactly once', async () => {
    const first = await start();
    await runTickety(discord, 'setup', { token: text(TOKEN) });
    await runTickety(discord, 'route add', {
      event: text('*'),
      channel: channel(discord.guild.channels.general),
    });

    discord.faults.serverError(
      { method: 'POST', path: '/channels/:id/messages' },
      { status: 503, times: 10_000 },
    );
    const ticketIds: string[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const body = fixtureBody('ticket.create');
      body.payload.ticketId = `restart-${i}`;
      ticketIds.push(`restart-${i}`);
      expect((await postEvent(first.url, discord.guild.id, TOKEN, body)).status).toBe(200);
    }
    await expect
      .poll(() => discord.requests.filter((r) => r.status === 503).length)
      .toBeGreaterThan(0);

    expect(await killBridge(first, 'SIGKILL')).toBeNull();
    discord.faults.clear();
    expect(discord.messages(discord.guild.channels.general)).toHaveLength(0);

    await start();
    const delivered = () =>
      discord
        .messages(discord.guild.channels.general)
        .flatMap((message) => message.embeds)
        .map((embed) => fieldValue(embed, 'Ticket ID'));
    await expect.poll(() => delivered().length, { timeout: 20_000 }).toBe(EVENTS);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(delivered().sort()).toEqual([...ticketIds].sort());
  });
});
