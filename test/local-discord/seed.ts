import { PermissionFlagsBits } from 'discord-api-types/v10';

import {
  addChannel,
  addMembership,
  addRole,
  addUser,
  type OverwriteInput,
  type RoleInput,
} from './records.js';
import type { DiscordState, GuildRecord } from './state.js';

/** A guild to create; the bot joins it with a managed role holding `botPermissions`. */
export interface GuildInput {
  name?: string;
  botPermissions?: bigint;
}

/** The ids of a freshly created guild. */
export interface CreatedGuild {
  id: string;
  name: string;
  ownerId: string;
  everyoneRoleId: string;
  botRoleId: string;
  generalChannelId: string;
}

/** The ids of the default guild, chosen to exercise every permission path the bot has. */
export interface SeededGuild extends CreatedGuild {
  channels: {
    /** Everyone, the bot included, can read, send and embed. */
    general: string;
    /** Another ordinary channel, e.g. for ticket logs. */
    tickets: string;
    /** @everyone is denied View Channel; only Staff may look. The bot cannot see it. */
    staffOnly: string;
    /** The bot can see it but a member overwrite denies it Send Messages. */
    readOnly: string;
    /** The bot can send but its role is denied Embed Links. */
    noEmbeds: string;
  };
  roles: {
    everyone: string;
    /** Position 2, below the bot: assignable. */
    member: string;
    /** Position 3, below the bot: assignable, and mentionable by anyone. */
    staff: string;
    /** The bot's own managed role, position 4. */
    bot: string;
    /** Position 5, above the bot, with Manage Server: not assignable by the bot. */
    admin: string;
    /** Managed (Server Booster), below the bot: Discord refuses to assign it. */
    booster: string;
  };
  users: {
    /** Owns the guild, so has every permission. */
    owner: string;
    /** Has the Admin role (Manage Server). */
    admin: string;
    /** Has the Member role. */
    member: string;
    /** Has the Member and Staff roles. */
    staff: string;
    /** Has no roles. */
    newcomer: string;
    bot: string;
  };
}

const EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

/** Default permissions of the bot's own role: what its invite link asks for. */
export const BOT_ROLE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.ManageRoles;

/**
 * Builds a guild with an owner, @everyone, the bot with its managed role, and #general.
 * Nothing is announced; the caller sends GUILD_CREATE once the guild is complete.
 */
export function buildGuild(state: DiscordState, input: GuildInput = {}): CreatedGuild {
  const owner = addUser(state, 'owner');
  const id = state.nextId();
  const guild: GuildRecord = {
    id,
    name: input.name ?? 'Local Guild',
    ownerId: owner.id,
    joinedAt: new Date().toISOString(),
    roles: new Map(),
    members: new Map(),
  };
  state.guilds.set(id, guild);
  guild.roles.set(id, {
    id,
    guildId: id,
    name: '@everyone',
    permissions: EVERYONE_PERMISSIONS,
    position: 0,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
  });
  addMembership(guild, owner.id, []);

  const botRole = addRole(state, guild, {
    name: 'Tickety Bridge',
    permissions: input.botPermissions ?? BOT_ROLE_PERMISSIONS,
    position: 1,
    managed: true,
    tags: { bot_id: state.botUser.id },
  });
  addMembership(guild, state.botUser.id, [botRole.id]);
  const general = addChannel(state, guild, { name: 'general' });

  return {
    id,
    name: guild.name,
    ownerId: owner.id,
    everyoneRoleId: id,
    botRoleId: botRole.id,
    generalChannelId: general.id,
  };
}

/** Builds the default guild described by {@link SeededGuild}, without announcing it. */
export function buildDefaultGuild(state: DiscordState): SeededGuild {
  const base = buildGuild(state, { name: 'Tickety Test Server' });
  const guild = state.guilds.get(base.id);
  const botRole = guild?.roles.get(base.botRoleId);
  if (!guild || !botRole) throw new Error('local Discord: default guild was not built');
  botRole.position = 4;

  const role = (name: string, position: number, extra: Partial<RoleInput> = {}): string =>
    addRole(state, guild, { name, position, ...extra }).id;
  const roles = {
    everyone: guild.id,
    booster: role('Server Booster', 1, { managed: true, tags: { premium_subscriber: null } }),
    member: role('Member', 2),
    staff: role('Staff', 3, { mentionable: true }),
    bot: base.botRoleId,
    admin: role('Admin', 5, {
      permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageRoles,
    }),
  };

  const member = (username: string, roleIds: string[]): string => {
    const user = addUser(state, username);
    addMembership(guild, user.id, roleIds);
    return user.id;
  };
  const users = {
    owner: base.ownerId,
    admin: member('admin', [roles.admin]),
    member: member('member', [roles.member]),
    staff: member('staff', [roles.member, roles.staff]),
    newcomer: member('newcomer', []),
    bot: state.botUser.id,
  };

  const view = PermissionFlagsBits.ViewChannel;
  const channel = (name: string, overwrites: OverwriteInput[] = []): string =>
    addChannel(state, guild, { name, overwrites }).id;
  const channels = {
    general: base.generalChannelId,
    tickets: channel('tickets'),
    staffOnly: channel('staff-only', [
      { id: guild.id, type: 'role', deny: view },
      { id: roles.staff, type: 'role', allow: view },
    ]),
    readOnly: channel('read-only', [
      { id: users.bot, type: 'member', deny: PermissionFlagsBits.SendMessages },
    ]),
    noEmbeds: channel('no-embeds', [
      { id: roles.bot, type: 'role', deny: PermissionFlagsBits.EmbedLinks },
    ]),
  };

  return { ...base, channels, roles, users };
}
