import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
} from 'discord-api-types/v10';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

import {
  parseFrame,
  sendDispatch,
  sendRaw,
  wantsEvent,
  type GatewaySession,
} from './gateway-sessions.js';
import { toApiUser, toGuildCreate } from './payloads.js';
import type { DiscordState, GuildRecord } from './state.js';

/** Presence, voice state and member requests: accepted and ignored. */
const IGNORED_OPCODES = new Set<GatewayOpcodes>([
  GatewayOpcodes.PresenceUpdate,
  GatewayOpcodes.VoiceStateUpdate,
  GatewayOpcodes.RequestGuildMembers,
]);

/** Counters tests can assert on after dropping the connection. */
export interface GatewayStats {
  identifies: number;
  resumes: number;
  invalidSessions: number;
}

/** How to drop the gateway connection: a 4000 close frame, or destroying the TCP socket. */
export interface DropOptions {
  /** false also forgets the session, so the client's RESUME gets INVALID_SESSION. */
  resumable?: boolean;
  how?: 'close' | 'destroy';
}

/**
 * The gateway: HELLO, IDENTIFY → READY and one GUILD_CREATE per guild, heartbeat ACKs,
 * RESUME with replay by sequence number, JSON encoding without compression.
 * @see https://discord.com/developers/docs/events/gateway
 */
export class Gateway {
  readonly stats: GatewayStats = { identifies: 0, resumes: 0, invalidSessions: 0 };
  readonly #sessions = new Map<string, GatewaySession>();
  readonly #server: Server = createServer((_request, response) => response.writeHead(426).end());
  readonly #wss = new WebSocketServer({ server: this.#server });
  #url = '';

  constructor(
    private readonly state: DiscordState,
    private readonly heartbeatIntervalMs: number,
  ) {
    this.#wss.on('connection', (socket, request) => this.accept(socket, request));
  }

  /** The `ws://` url discord.js connects to. */
  get url(): string {
    return this.#url;
  }

  /** Number of sessions with an open connection. */
  get openConnections(): number {
    return [...this.#sessions.values()].filter((session) => session.socket).length;
  }

  /** Starts listening on a free port of 127.0.0.1. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.#url;
  }

  /** Sends an event to every session whose intents ask for it. */
  dispatch(event: string, data: unknown): void {
    for (const session of this.#sessions.values()) {
      if (wantsEvent(session, event)) sendDispatch(session, event, data);
    }
  }

  /** Sends GUILD_CREATE for a guild, with all members only to sessions with GUILD_MEMBERS. */
  announceGuild(guildId: string): void {
    const guild = this.state.guilds.get(guildId);
    if (!guild) return;
    for (const session of this.#sessions.values()) this.sendGuildCreate(session, guild);
  }

  /** Drops every open connection, as Discord does now and then. */
  drop(options: DropOptions = {}): void {
    for (const session of this.#sessions.values()) {
      const socket = session.socket;
      if (!socket) continue;
      session.socket = null;
      if (options.resumable === false) this.#sessions.delete(session.id);
      if (options.how === 'destroy') socket.terminate();
      else socket.close(GatewayCloseCodes.UnknownError, 'Unknown error');
    }
  }

  /** Closes every connection and stops listening. */
  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    this.#sessions.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const params = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams;
    if (params.get('v') !== '10') {
      socket.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    if ((params.get('encoding') ?? 'json') !== 'json' || params.has('compress')) {
      socket.close(GatewayCloseCodes.DecodeError, 'Only uncompressed JSON is supported');
      return;
    }

    let session: GatewaySession | undefined;
    const hello = { heartbeat_interval: this.heartbeatIntervalMs };
    sendRaw(socket, { op: GatewayOpcodes.Hello, d: hello, s: null, t: null });

    socket.on('message', (raw: RawData) => {
      const frame = parseFrame(raw);
      if (!frame) socket.close(GatewayCloseCodes.DecodeError, 'Decode error');
      else if (frame.op === GatewayOpcodes.Heartbeat) {
        sendRaw(socket, { op: GatewayOpcodes.HeartbeatAck });
      } else if (frame.op === GatewayOpcodes.Identify || frame.op === GatewayOpcodes.Resume) {
        if (session) socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
        else if (frame.op === GatewayOpcodes.Identify) session = this.identify(socket, frame.d);
        else session = this.resume(socket, frame.d);
      } else if (!session) {
        socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated');
      } else if (!IGNORED_OPCODES.has(frame.op)) {
        socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode');
      }
    });

    socket.on('close', (code) => {
      if (!session || session.socket !== socket) return;
      session.socket = null;
      // A client that closes with 1000 or 1001 ends its session; other codes keep it resumable.
      if (code === 1000 || code === 1001) this.#sessions.delete(session.id);
      this.state.changed.notify();
    });
  }

  private identify(socket: WebSocket, data: Record<string, unknown>): GatewaySession | undefined {
    if (data.token !== this.state.token) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
      return undefined;
    }

    const id = randomBytes(16).toString('hex');
    const intents = typeof data.intents === 'number' ? data.intents : 0;
    const session: GatewaySession = { id, intents, seq: 0, socket, sent: [] };
    this.#sessions.set(id, session);
    this.stats.identifies += 1;

    const guilds = this.state.botGuilds();
    sendDispatch(session, GatewayDispatchEvents.Ready, {
      v: 10,
      user: toApiUser(this.state.botUser),
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: id,
      resume_gateway_url: this.#url,
      shard: [0, 1],
      application: { id: this.state.applicationId, flags: 0 },
    });
    for (const guild of guilds) this.sendGuildCreate(session, guild);
    this.state.changed.notify();
    return session;
  }

  private sendGuildCreate(session: GatewaySession, guild: GuildRecord): void {
    if (!wantsEvent(session, GatewayDispatchEvents.GuildCreate)) return;
    const withMembers = (session.intents & GatewayIntentBits.GuildMembers) !== 0;
    const data = toGuildCreate(this.state, guild, withMembers);
    sendDispatch(session, GatewayDispatchEvents.GuildCreate, data);
  }

  private resume(socket: WebSocket, data: Record<string, unknown>): GatewaySession | undefined {
    const session =
      typeof data.session_id === 'string' ? this.#sessions.get(data.session_id) : undefined;
    if (!session || data.token !== this.state.token) {
      this.stats.invalidSessions += 1;
      sendRaw(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return undefined;
    }

    session.socket?.terminate();
    session.socket = socket;
    const lastSeen = typeof data.seq === 'number' ? data.seq : 0;
    for (const payload of session.sent) if (payload.s > lastSeen) sendRaw(socket, payload);
    sendDispatch(session, GatewayDispatchEvents.Resumed, {});
    this.stats.resumes += 1;
    this.state.changed.notify();
    return session;
  }
}
