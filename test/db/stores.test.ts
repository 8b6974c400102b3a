import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instanceSalt, openDatabase, type Database } from '../../src/db/database.js';
import { DeliveryQueue } from '../../src/db/deliveries.js';
import { EventLog } from '../../src/db/events.js';
import { RoutingStore } from '../../src/db/rules.js';
import { ServerStore } from '../../src/db/servers.js';
import { ServerStats } from '../../src/db/stats.js';
import { planDeliveries } from '../../src/routing/plan.js';
import { restoreEvent } from '../../src/tickety/restore.js';
import { fixtureBody } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp-db.js';

const GUILD = '1100000000000000001';
const OTHER = '1100000000000000002';

describe('SQLite stores', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database;

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(dir.file('bridge.sqlite'));
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  /** Rules for channel 21 of GUILD, and a way to record a ticket.close routed by them. */
  const channelRules = () => {
    const routing = new RoutingStore(db);
    const log = new EventLog(db);
    const rule = (eventPattern: string, mentionRoleId: string | null) =>
      routing.addRule(
        { guildId: GUILD, eventPattern, channelId: '21', panelId: null, mentionRoleId },
        null,
      );
    const recordClose = () => {
      const body = fixtureBody('ticket.close');
      log.record([
        {
          guildId: GUILD,
          type: body.type,
          payloadJson: JSON.stringify(body.payload),
          receivedAt: 1_000,
          planned: planDeliveries(restoreEvent(body.type, body.payload), routing.forGuild(GUILD)),
        },
      ]);
    };
    return { routing, queue: new DeliveryQueue(db), rule, recordClose };
  };

  it('opens in WAL mode with foreign keys on and every migration applied', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
  });

  it('reopening an existing file keeps its data and its instance salt', () => {
    const salt = instanceSalt(db);
    new ServerStore(db).setToken(GUILD, 'secret');
    db.close();

    db = openDatabase(dir.file('bridge.sqlite'));
    expect(instanceSalt(db)).toBe(salt);
    expect(new ServerStore(db).verifyToken(GUILD, 'secret')).toBe(true);
  });

  it('stores only a hash of the token and accepts only the right token for the right server', () => {
    const servers = new ServerStore(db);
    servers.setToken(GUILD, 'tok-123');

    const raw = db.prepare('SELECT token_hash FROM servers WHERE guild_id = ?').get(GUILD) as {
      token_hash: Buffer;
    };
    expect(raw.token_hash.toString('utf8')).not.toContain('tok-123');
    expect(servers.verifyToken(GUILD, 'tok-123')).toBe(true);
    expect(servers.verifyToken(GUILD, 'tok-124')).toBe(false);
    expect(servers.verifyToken(OTHER, 'tok-123')).toBe(false);
  });

  it('checking tokens for guild ids it has never seen remembers nothing about them', () => {
    const servers = new ServerStore(db);
    servers.setToken(GUILD, 'tok-123');
    expect(servers.cachedServers).toBe(1);

    for (let i = 0; i < 1_000; i++) {
      expect(servers.verifyToken(String(1200000000000000000n + BigInt(i)), 'tok-123')).toBe(false);
    }
    expect(servers.cachedServers).toBe(1);
    expect(servers.verifyToken(GUILD, 'tok-123')).toBe(true);
  });

  it('a store opened on an existing file knows its servers without a query per request', () => {
    new ServerStore(db).setToken(GUILD, 'tok-123');
    const reopened = new ServerStore(db);
    expect(reopened.cachedServers).toBe(1);
    expect(reopened.verifyToken(GUILD, 'tok-123')).toBe(true);
  });

  it('a new token replaces the old one at once', () => {
    const servers = new ServerStore(db);
    servers.setToken(GUILD, 'old');
    servers.setToken(GUILD, 'new');
    expect(servers.verifyToken(GUILD, 'old')).toBe(false);
    expect(servers.verifyToken(GUILD, 'new')).toBe(true);
  });

  it('a server can remove only its own rules and actions', () => {
    const routing = new RoutingStore(db);
    const rule = routing.addRule(
      { guildId: GUILD, eventPattern: '*', channelId: '21', panelId: null, mentionRoleId: null },
      null,
    );
    const action = routing.addAction(
      { guildId: GUILD, eventPattern: '*', roleId: '31', mode: 'add' },
      null,
    );

    expect(routing.removeRule(OTHER, rule.id).removed).toBe(false);
    expect(routing.removeAction(OTHER, action.id).removed).toBe(false);
    expect(routing.forGuild(GUILD).rules).toHaveLength(1);

    expect(routing.removeRule(GUILD, rule.id).removed).toBe(true);
    expect(routing.removeAction(GUILD, action.id).removed).toBe(true);
    expect(routing.forGuild(GUILD)).toEqual({ rules: [], actions: [] });
  });

  it('removing a rule drops its waiting and failed deliveries, never those of an action with the same id', () => {
    const routing = new RoutingStore(db);
    const log = new EventLog(db);
    const queue = new DeliveryQueue(db);
    const rule = (eventPattern: string, channelId: string) =>
      routing.addRule(
        { guildId: GUILD, eventPattern, channelId, panelId: null, mentionRoleId: null },
        null,
      );
    const logs = rule('ticket.*', '21');
    const doomed = rule('ticket.close', '22');
    const action = routing.addAction(
      { guildId: GUILD, eventPattern: '*', roleId: '31', mode: 'add' },
      null,
    );
    expect(action.id).toBe(logs.id);

    const body = fixtureBody('ticket.close');
    const event = restoreEvent(body.type, body.payload);
    const record = () =>
      log.record([
        {
          guildId: GUILD,
          type: body.type,
          payloadJson: JSON.stringify(body.payload),
          receivedAt: 1_000,
          planned: planDeliveries(event, routing.forGuild(GUILD)),
        },
      ]);
    record();
    record();
    queue.markFailed([queue.dueInChannel('22', 1_000, 1)[0]!.id], 'Unknown Channel', 1_000);
    expect(new ServerStats(db).forGuild(GUILD, 2_000)).toMatchObject({ pending: 5, failed: 1 });

    expect(routing.removeRule(GUILD, doomed.id)).toEqual({ removed: true, droppedDeliveries: 2 });
    expect(new ServerStats(db).forGuild(GUILD, 2_000)).toMatchObject({ pending: 4, failed: 0 });
    expect(queue.replayFailed(GUILD, 2_000)).toBe(0);
    expect(queue.dueInChannel('21', 2_000, 10)).toHaveLength(2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 2 });

    expect(routing.removeAction(GUILD, action.id)).toEqual({
      removed: true,
      droppedDeliveries: 2,
    });
    expect(queue.dueInChannel('21', 2_000, 10)).toHaveLength(2);
  });

  it('a delivery another rule still asks for survives the removal of the rule it was filed under', () => {
    const { routing, queue, rule, recordClose } = channelRules();
    const first = rule('ticket.*', '41');
    const second = rule('ticket.close', '42');
    recordClose();

    expect(queue.dueInChannel('21', 1_000, 10)).toMatchObject([{ mentionRoleId: '41' }]);
    expect(routing.removeRule(GUILD, first.id)).toEqual({ removed: true, droppedDeliveries: 0 });
    expect(queue.dueInChannel('21', 1_000, 10)).toMatchObject([{ mentionRoleId: '42' }]);
    expect(routing.removeRule(GUILD, second.id)).toEqual({ removed: true, droppedDeliveries: 1 });
    expect(queue.dueInChannel('21', 1_000, 10)).toHaveLength(0);
  });

  it('removing the rule that only added the ping takes the ping off the waiting delivery', () => {
    const { routing, queue, rule, recordClose } = channelRules();
    rule('ticket.*', null);
    const pinging = rule('ticket.close', '42');
    recordClose();

    expect(queue.dueInChannel('21', 1_000, 10)).toMatchObject([{ mentionRoleId: '42' }]);
    expect(routing.removeRule(GUILD, pinging.id)).toEqual({ removed: true, droppedDeliveries: 0 });
    expect(queue.dueInChannel('21', 1_000, 10)).toMatchObject([{ mentionRoleId: null }]);
  });

  it('an event and its deliveries are written together, and the queue hands them out per lane', () => {
    const log = new EventLog(db);
    const queue = new DeliveryQueue(db);
    const [eventId] = log.record([
      {
        guildId: GUILD,
        type: 'ticket.close',
        payloadJson: '{"ticketId":"t"}',
        receivedAt: 1_000,
        planned: [
          { kind: 'message', sourceId: 1, channelId: '21', mentionRoleId: null },
          { kind: 'message', sourceId: 2, channelId: '22', mentionRoleId: '41' },
          { kind: 'role', sourceId: 3, roleId: '31', userId: '51', mode: 'add' },
        ],
      },
    ]);

    expect(queue.dueLanes(1_000, 10)).toEqual([
      { kind: 'message', channelId: '21' },
      { kind: 'message', channelId: '22' },
      { kind: 'role', guildId: GUILD, userId: '51' },
    ]);
    const [message] = queue.dueInChannel('22', 1_000, 10);
    expect(message).toMatchObject({
      eventId,
      kind: 'message',
      mentionRoleId: '41',
      eventType: 'ticket.close',
    });
    expect(queue.dueForMember(GUILD, '51', 1_000, 10)[0]).toMatchObject({
      roleId: '31',
      mode: 'add',
    });
    expect(queue.dueLanes(999, 10)).toEqual([]);
  });

  it('a retried delivery waits for its time, a failed one waits for a replay', () => {
    const log = new EventLog(db);
    const queue = new DeliveryQueue(db);
    const stats = new ServerStats(db);
    log.record([
      {
        guildId: GUILD,
        type: 'ticket.close',
        payloadJson: '{}',
        receivedAt: 1_000,
        planned: [
          { kind: 'message', sourceId: 1, channelId: '21', mentionRoleId: null },
          { kind: 'message', sourceId: 2, channelId: '22', mentionRoleId: null },
        ],
      },
    ]);
    const [first] = queue.dueInChannel('21', 1_000, 1);
    const [second] = queue.dueInChannel('22', 1_000, 1);

    queue.markRetry([first!.id], 5_000, 'Discord answered 503; will retry.', 1_000);
    queue.markFailed([second!.id], "I can't see <#22>: give me View Channel there.", 1_000);

    expect(queue.nextDueAt()).toBe(5_000);
    expect(queue.dueLanes(4_999, 10)).toEqual([]);
    expect(queue.dueInChannel('21', 5_000, 1)[0]).toMatchObject({ attempts: 1 });

    const status = stats.forGuild(GUILD, 2_000);
    expect(status).toMatchObject({ pending: 1, failed: 1 });
    expect(status.recentFailures[0]?.reason).toContain('View Channel');

    expect(queue.replayFailed(OTHER)).toBe(0);
    expect(queue.replayFailed(GUILD, 6_000)).toBe(1);
    expect(queue.dueInChannel('22', 6_000, 1)[0]).toMatchObject({ attempts: 0 });
  });

  it('pruning removes old delivered events but keeps ones with failed deliveries', () => {
    const log = new EventLog(db);
    const queue = new DeliveryQueue(db);
    const planned = [
      { kind: 'message' as const, sourceId: 1, channelId: '21', mentionRoleId: null },
    ];
    log.record([
      { guildId: GUILD, type: 'a', payloadJson: '{}', receivedAt: 1_000, planned },
      { guildId: GUILD, type: 'b', payloadJson: '{}', receivedAt: 1_000, planned },
      { guildId: GUILD, type: 'c', payloadJson: '{}', receivedAt: 9_000, planned },
    ]);
    const [a, b] = queue.dueInChannel('21', 1_000, 2);
    queue.markDelivered([a!.id], '1');
    queue.markFailed([b!.id], 'gone');

    expect(log.prune(5_000)).toBe(1);
    const types = db.prepare('SELECT type FROM events ORDER BY id').all() as { type: string }[];
    expect(types.map((row) => row.type)).toEqual(['b', 'c']);
  });
});
