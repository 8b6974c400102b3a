import { ChannelType } from 'discord-api-types/v10';

import type {
  ChannelRecord,
  DiscordState,
  GuildRecord,
  OverwriteRecord,
  OverwriteTarget,
  RoleRecord,
  UserRecord,
} from './state.js';

/** A permission overwrite as tests write it. */
export interface OverwriteInput {
  id: string;
  type: OverwriteTarget;
  allow?: bigint;
  deny?: bigint;
}

/** A channel to create. */
export interface ChannelInput {
  name: string;
  type?: ChannelType;
  topic?: string | null;
  parentId?: string | null;
  overwrites?: OverwriteInput[];
}

/** A role to create. Discord puts new roles at position 1, just above @everyone. */
export interface RoleInput {
  name: string;
  permissions?: bigint;
  position?: number;
  color?: number;
  managed?: boolean;
  /** Whether anyone may ping the role; false by default, as in Discord. */
  mentionable?: boolean;
  tags?: RoleRecord['tags'];
}

/** Adds a user (with a fresh id unless one is given) without announcing anything. */
export function addUser(state: DiscordState, username: string, id?: string): UserRecord {
  const existing = id === undefined ? undefined : state.users.get(id);
  if (existing) return existing;

  const user = { id: id ?? state.nextId(), username, globalName: username, bot: false };
  state.users.set(user.id, user);
  return user;
}

/** Adds a role to a guild without announcing anything. */
export function addRole(state: DiscordState, guild: GuildRecord, input: RoleInput): RoleRecord {
  const role: RoleRecord = {
    id: state.nextId(),
    guildId: guild.id,
    name: input.name,
    permissions: input.permissions ?? 0n,
    position: input.position ?? 1,
    color: input.color ?? 0,
    hoist: false,
    managed: input.managed ?? false,
    mentionable: input.mentionable ?? false,
    ...(input.tags ? { tags: input.tags } : {}),
  };
  guild.roles.set(role.id, role);
  state.changed.notify();
  return role;
}

/** Adds a channel to a guild without announcing anything. */
export function addChannel(
  state: DiscordState,
  guild: GuildRecord,
  input: ChannelInput,
): ChannelRecord {
  const channel: ChannelRecord = {
    id: state.nextId(),
    guildId: guild.id,
    name: input.name,
    type: input.type ?? ChannelType.GuildText,
    position: state.guildChannels(guild.id).length,
    parentId: input.parentId ?? null,
    topic: input.topic ?? null,
    overwrites: (input.overwrites ?? []).map(toOverwrite),
    lastMessageId: null,
  };
  state.channels.set(channel.id, channel);
  state.changed.notify();
  return channel;
}

/** Adds a user to a guild with the given roles, without announcing anything. */
export function addMembership(guild: GuildRecord, userId: string, roles: string[]): void {
  guild.members.set(userId, {
    userId,
    roles: [...roles],
    joinedAt: new Date().toISOString(),
    nick: null,
  });
}

/** Turns a test's overwrite into a stored one. */
export function toOverwrite(input: OverwriteInput): OverwriteRecord {
  return { id: input.id, type: input.type, allow: input.allow ?? 0n, deny: input.deny ?? 0n };
}
