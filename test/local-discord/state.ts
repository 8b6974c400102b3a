import { randomBytes } from 'node:crypto';

import type {
  APIApplicationCommand,
  APIMessage,
  APIRoleTags,
  ChannelType,
} from 'discord-api-types/v10';

import { createSnowflakeGenerator } from './snowflake.js';
import { Signal } from './signal.js';
import type { InteractionRecord } from './interaction-records.js';

/** A Discord user (a person or the bot). */
export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

/** A guild role; `permissions` is the raw permission bitfield. */
export interface RoleRecord {
  id: string;
  guildId: string;
  name: string;
  permissions: bigint;
  position: number;
  color: number;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
  tags?: APIRoleTags;
}

/** Whether a permission overwrite targets a role or a single member. */
export type OverwriteTarget = 'role' | 'member';

/** A channel permission overwrite. */
export interface OverwriteRecord {
  id: string;
  type: OverwriteTarget;
  allow: bigint;
  deny: bigint;
}

/** A guild channel. */
export interface ChannelRecord {
  id: string;
  guildId: string;
  name: string;
  type: ChannelType;
  position: number;
  parentId: string | null;
  topic: string | null;
  overwrites: OverwriteRecord[];
  lastMessageId: string | null;
}

/** A user's membership of one guild. */
export interface MemberRecord {
  userId: string;
  roles: string[];
  joinedAt: string;
  nick: string | null;
}

/** A guild; its @everyone role has the guild's id, as on Discord. */
export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  roles: Map<string, RoleRecord>;
  members: Map<string, MemberRecord>;
}

/** Everything the local Discord knows; the REST routes, gateway and test controls share it. */
export class DiscordState {
  /** Produces fresh snowflakes. */
  readonly nextId = createSnowflakeGenerator();
  /** Fires after every change, for bounded waits. */
  readonly changed = new Signal();

  readonly users = new Map<string, UserRecord>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  /** Messages posted through `POST /channels/:id/messages`, per channel, in order. */
  readonly messages = new Map<string, APIMessage[]>();
  /** `channelId:nonce` → message id and time, for `enforce_nonce`. */
  readonly nonces = new Map<string, { messageId: string; at: number }>();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  readonly interactions = new Map<string, InteractionRecord>();

  /** The bot's user; like a real app, the application shares the bot's id. */
  readonly botUser: UserRecord;
  readonly applicationId: string;
  /** The bot token; by default shaped like Discord's: base64 bot id, then two random parts. */
  readonly token: string;

  constructor(token?: string, botName = 'Tickety Bridge') {
    this.botUser = { id: this.nextId(), username: botName, globalName: null, bot: true };
    this.applicationId = this.botUser.id;
    this.users.set(this.botUser.id, this.botUser);

    const idPart = Buffer.from(this.botUser.id).toString('base64').replace(/=+$/, '');
    const random = (bytes: number): string => randomBytes(bytes).toString('base64url');
    this.token = token ?? `${idPart}.${random(4)}.${random(28)}`;
  }

  /** Channels of one guild, by position. */
  guildChannels(guildId: string): ChannelRecord[] {
    return [...this.channels.values()]
      .filter((channel) => channel.guildId === guildId)
      .sort((a, b) => a.position - b.position);
  }

  /** Guilds the bot is a member of. */
  botGuilds(): GuildRecord[] {
    return [...this.guilds.values()].filter((guild) => guild.members.has(this.botUser.id));
  }

  /** Finds a message posted to a channel or sent as an interaction response. */
  findMessage(channelId: string | undefined, messageId: string): APIMessage | undefined {
    const posted = channelId
      ? (this.messages.get(channelId) ?? [])
      : [...this.messages.values()].flat();
    const sent = [...this.interactions.values()].flatMap((i) => [i.original, ...i.followUps]);
    return [...posted, ...sent].find(
      (message): message is APIMessage =>
        message?.id === messageId && (!channelId || message.channel_id === channelId),
    );
  }

  /** Finds the interaction a webhook token belongs to. */
  interactionByToken(token: string): InteractionRecord | undefined {
    return [...this.interactions.values()].find((interaction) => interaction.token === token);
  }
}
