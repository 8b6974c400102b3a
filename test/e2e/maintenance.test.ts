import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { DeliveryQueue } from '../../src/db/deliveries.js';
import { EventLog } from '../../src/db/events.js';
import { startLocalDiscord, type LocalDiscord } from '../local-discord/index.js';
import { startTestBridge } from '../helpers/bridge.js';
import { tempDir } from '../helpers/temp-db.js';
import { role, runTickety, text } from '../helpers/tickety-command.js';

const DAY = 86_400_000;

describe('maintenance', () => {
  let discord: LocalDiscord;
  let dir: ReturnType<typeof tempDir>;
  let bridge: Awaited<ReturnType<typeof startTestBridge>> | undefined;

  beforeEach(async () => {
    dir = tempDir();
    discord = await startLocalDiscord();
  });
  afterEach(async () => {
    await bridge?.stop();
    bridge = undefined;
    await discord.close();
    dir.remove();
  });

  it('at start, delivered events older than 30 days are pruned and failed ones are kept', async () => {
    const db = openDatabase(dir.file('bridge.sqlite'));
    const log = new EventLog(db);
    const queue = new DeliveryQueue(db);
    const planned = [
      { kind: 'message' as const, sourceId: 1, channelId: '21', mentionRoleId: null },
    ];
    const old = Date.now() - 31 * DAY;
    log.record([
      {
        guildId: discord.guild.id,
        type: 'old.delivered',
        payloadJson: '{}',
        receivedAt: old,
        planned,
      },
      {
        guildId: discord.guild.id,
        type: 'old.failed',
        payloadJson: '{}',
        receivedAt: old,
        planned,
      },
      {
        guildId: discord.guild.id,
        type: 'recent.delivered',
        payloadJson: '{}',
        receivedAt: Date.now() - DAY,
        planned,
      },
    ]);
    const [delivered, failed, recent] = queue.dueInChannel('21', Date.now(), 3);
    queue.markDelivered([delivered!.id, recent!.id], '1');
    queue.markFailed([failed!.id], 'gone');
    db.close();

    bridge = await startTestBridge(discord, dir.file('bridge.sqlite'));

    const check = new BetterSqlite3(dir.file('bridge.sqlite'), { readonly: true });
    const types = check.prepare('SELECT type FROM events ORDER BY id').all() as { type: string }[];
    check.close();
    expect(types.map((row) => row.type)).toEqual(['old.failed', 'recent.delivered']);
  });

  it('an unexpected failure answers with a short reference id instead of leaving the command hanging', async () => {
    bridge = await startTestBridge(discord, dir.file('bridge.sqlite'));
    const saboteur = new BetterSqlite3(dir.file('bridge.sqlite'));
    saboteur.exec('DROP TABLE role_actions');
    saboteur.close();

    const reply = await runTickety(discord, 'action add', {
      event: text('verification.pass'),
      role: role(discord.guild.roles.member),
      mode: text('add'),
    });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/reference: `[0-9a-f]{8}`/);
  });
});
