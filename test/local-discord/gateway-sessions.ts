import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  type GatewayOpcodes,
} from 'discord-api-types/v10';
import { WebSocket, type RawData } from 'ws';

/** A dispatch as sent on the wire (op 0). */
export interface DispatchPayload {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

/** A gateway session: it outlives its connection so a client can RESUME and get what it missed. */
export interface GatewaySession {
  id: string;
  intents: number;
  seq: number;
  socket: WebSocket | null;
  /** Recent dispatches, replayed on RESUME after the client's last sequence number. */
  sent: DispatchPayload[];
}

/** How many recent dispatches a session keeps for replay. */
const REPLAY_LIMIT = 1000;

const { Guilds, GuildMembers, GuildMessages } = GatewayIntentBits;
const EVENT_INTENTS: Partial<Record<string, number>> = {
  [GatewayDispatchEvents.GuildCreate]: Guilds,
  [GatewayDispatchEvents.GuildUpdate]: Guilds,
  [GatewayDispatchEvents.GuildDelete]: Guilds,
  [GatewayDispatchEvents.GuildRoleCreate]: Guilds,
  [GatewayDispatchEvents.GuildRoleUpdate]: Guilds,
  [GatewayDispatchEvents.GuildRoleDelete]: Guilds,
  [GatewayDispatchEvents.ChannelCreate]: Guilds,
  [GatewayDispatchEvents.ChannelUpdate]: Guilds,
  [GatewayDispatchEvents.ChannelDelete]: Guilds,
  [GatewayDispatchEvents.GuildMemberAdd]: GuildMembers,
  [GatewayDispatchEvents.GuildMemberUpdate]: GuildMembers,
  [GatewayDispatchEvents.GuildMemberRemove]: GuildMembers,
  [GatewayDispatchEvents.MessageCreate]: GuildMessages,
  [GatewayDispatchEvents.MessageUpdate]: GuildMessages,
  [GatewayDispatchEvents.MessageDelete]: GuildMessages,
};

/** Whether a session's intents let it receive an event (events without an intent always go). */
export function wantsEvent(session: GatewaySession, event: string): boolean {
  const intent = EVENT_INTENTS[event];
  return intent === undefined || (session.intents & intent) !== 0;
}

/**
 * Sends a dispatch with the session's next sequence number; while the session has no open
 * connection the dispatch is only kept, to be replayed on RESUME.
 */
export function sendDispatch(session: GatewaySession, event: string, data: unknown): void {
  session.seq += 1;
  const payload: DispatchPayload = { op: 0, t: event, s: session.seq, d: data };
  session.sent.push(payload);
  if (session.sent.length > REPLAY_LIMIT) session.sent.shift();
  sendRaw(session.socket, payload);
}

/** Sends one JSON frame if the socket is open. */
export function sendRaw(socket: WebSocket | null, payload: unknown): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
}

/** Parses a client frame into its opcode and data, or undefined when it is not a payload. */
export function parseFrame(
  raw: RawData,
): { op: GatewayOpcodes; d: Record<string, unknown> } | undefined {
  try {
    const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as Buffer);
    const value = JSON.parse(bytes.toString('utf8')) as { op?: unknown; d?: unknown } | null;
    if (typeof value?.op !== 'number') return undefined;
    const d = typeof value.d === 'object' && value.d !== null ? value.d : {};
    return { op: value.op as GatewayOpcodes, d: d as Record<string, unknown> };
  } catch {
    return undefined;
  }
}
