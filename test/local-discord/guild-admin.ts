import { GatewayDispatchEvents } from 'discord-api-types/v10';

import { toApiChannel, toApiMember, toApiRole, toApiUser } from './payloads.js';
import {
  addChannel,
  addMembership,
  addRole,
  addUser,
  toOverwrite,
  type ChannelInput,
  type OverwriteInput,
  type RoleInput,
} from './records.js';
import type { ChannelRecord, DiscordState, GuildRecord, RoleRecord, UserRecord } from './state.js';

/** Sends a gateway event; `data` may depend on the receiving session's intents. */
export type Dispatch = (event: string, data: unknown) => void;

/**
 * What a server admin does in Discord's UI (and what REST calls change), applied to the state
 * and announced on the gateway so the client's caches stay in step.
 */
export class GuildAdmin {
  constructor(
    private readonly state: DiscordState,
    private readonly dispatch: Dispatch,
  ) {}

  /** Creates a channel and announces CHANNEL_CREATE. */
  createChannel(guildId: string, input: ChannelInput): ChannelRecord {
    const channel = addChannel(this.state, this.guild(guildId), input);
    this.dispatch(GatewayDispatchEvents.ChannelCreate, toApiChannel(channel));
    return channel;
  }

  /** Deletes a channel and announces CHANNEL_DELETE. */
  deleteChannel(channelId: string): void {
    const channel = this.channel(channelId);
    this.state.channels.delete(channelId);
    this.dispatch(GatewayDispatchEvents.ChannelDelete, toApiChannel(channel));
    this.state.changed.notify();
  }

  /** Replaces a channel's overwrites and announces CHANNEL_UPDATE. */
  setChannelOverwrites(channelId: string, overwrites: OverwriteInput[]): void {
    const channel = this.channel(channelId);
    channel.overwrites = overwrites.map(toOverwrite);
    this.dispatch(GatewayDispatchEvents.ChannelUpdate, toApiChannel(channel));
    this.state.changed.notify();
  }

  /** Creates a role and announces GUILD_ROLE_CREATE. */
  createRole(guildId: string, input: RoleInput): RoleRecord {
    const role = addRole(this.state, this.guild(guildId), input);
    this.dispatch(GatewayDispatchEvents.GuildRoleCreate, {
      guild_id: guildId,
      role: toApiRole(role),
    });
    return role;
  }

  /** Changes a role's permissions and announces GUILD_ROLE_UPDATE. */
  setRolePermissions(guildId: string, roleId: string, permissions: bigint): void {
    const role = this.role(guildId, roleId);
    role.permissions = permissions;
    this.dispatch(GatewayDispatchEvents.GuildRoleUpdate, {
      guild_id: guildId,
      role: toApiRole(role),
    });
    this.state.changed.notify();
  }

  /** Deletes a role, takes it off members and overwrites, and announces GUILD_ROLE_DELETE. */
  deleteRole(guildId: string, roleId: string): void {
    const guild = this.guild(guildId);
    this.role(guildId, roleId);

    guild.roles.delete(roleId);
    for (const member of guild.members.values()) {
      member.roles = member.roles.filter((id) => id !== roleId);
    }
    for (const channel of this.state.guildChannels(guildId)) {
      channel.overwrites = channel.overwrites.filter((overwrite) => overwrite.id !== roleId);
    }
    this.dispatch(GatewayDispatchEvents.GuildRoleDelete, { guild_id: guildId, role_id: roleId });
    this.state.changed.notify();
  }

  /** Adds a user (new, or the one with `userId`) to a guild and announces GUILD_MEMBER_ADD. */
  addMember(guildId: string, username: string, roles: string[] = [], userId?: string): UserRecord {
    const guild = this.guild(guildId);
    if (userId !== undefined && !/^\d{17,20}$/.test(userId)) {
      throw new Error(`local Discord: ${userId} is not a snowflake`);
    }
    const user = addUser(this.state, username, userId);
    addMembership(guild, user.id, roles);
    this.announceMember(GatewayDispatchEvents.GuildMemberAdd, guild, user.id);
    return user;
  }

  /** Removes a member; removing the bot makes it leave the guild (GUILD_DELETE). */
  removeMember(guildId: string, userId: string): void {
    const guild = this.guild(guildId);
    const user = this.state.users.get(userId);
    if (!user || !guild.members.delete(userId)) {
      throw new Error(`local Discord: ${userId} is not a member of guild ${guildId}`);
    }

    if (userId === this.state.botUser.id) {
      this.dispatch(GatewayDispatchEvents.GuildDelete, { id: guildId });
    } else {
      this.dispatch(GatewayDispatchEvents.GuildMemberRemove, {
        guild_id: guildId,
        user: toApiUser(user),
      });
    }
    this.state.changed.notify();
  }

  /** Replaces a member's roles and announces GUILD_MEMBER_UPDATE. */
  setMemberRoles(guildId: string, userId: string, roles: string[]): void {
    const guild = this.guild(guildId);
    const member = guild.members.get(userId);
    if (!member) throw new Error(`local Discord: ${userId} is not a member of guild ${guildId}`);

    member.roles = [...roles];
    this.announceMember(GatewayDispatchEvents.GuildMemberUpdate, guild, userId);
  }

  private announceMember(event: string, guild: GuildRecord, userId: string): void {
    const member = guild.members.get(userId);
    if (member) this.dispatch(event, { guild_id: guild.id, ...toApiMember(this.state, member) });
    this.state.changed.notify();
  }

  private guild(guildId: string): GuildRecord {
    const guild = this.state.guilds.get(guildId);
    if (!guild) throw new Error(`local Discord: no guild ${guildId}`);
    return guild;
  }

  private channel(channelId: string): ChannelRecord {
    const channel = this.state.channels.get(channelId);
    if (!channel) throw new Error(`local Discord: no channel ${channelId}`);
    return channel;
  }

  private role(guildId: string, roleId: string): RoleRecord {
    const role = this.guild(guildId).roles.get(roleId);
    if (!role) throw new Error(`local Discord: no role ${roleId} in guild ${guildId}`);
    return role;
  }
}
