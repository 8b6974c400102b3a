import { PermissionFlagsBits } from 'discord-api-types/v10';

import type { ChannelRecord, GuildRecord, RoleRecord } from './state.js';

/** Every permission bit Discord defines. */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce(
  (all, bit) => all | bit,
  0n,
);

/** Whether `permissions` includes every bit of `required`. */
export function hasPermissions(permissions: bigint, required: bigint): boolean {
  return (permissions & required) === required;
}

/**
 * A member's guild-wide permissions: @everyone plus each of their roles; the owner and
 * Administrator get everything.
 * @see https://discord.com/developers/docs/topics/permissions#permission-overwrites
 */
export function basePermissions(guild: GuildRecord, userId: string): bigint {
  const member = guild.members.get(userId);
  if (!member) return 0n;
  if (guild.ownerId === userId) return ALL_PERMISSIONS;

  let permissions = guild.roles.get(guild.id)?.permissions ?? 0n;
  for (const roleId of member.roles) permissions |= guild.roles.get(roleId)?.permissions ?? 0n;

  return hasPermissions(permissions, PermissionFlagsBits.Administrator)
    ? ALL_PERMISSIONS
    : permissions;
}

/**
 * A member's permissions in one channel, applying overwrites in Discord's order: @everyone,
 * then all of the member's roles together, then the member's own overwrite.
 */
export function channelPermissions(
  guild: GuildRecord,
  channel: ChannelRecord,
  userId: string,
): bigint {
  let permissions = basePermissions(guild, userId);
  if (hasPermissions(permissions, PermissionFlagsBits.Administrator)) return ALL_PERMISSIONS;

  const member = guild.members.get(userId);
  if (!member) return 0n;

  const everyone = channel.overwrites.find((o) => o.type === 'role' && o.id === guild.id);
  if (everyone) permissions = (permissions & ~everyone.deny) | everyone.allow;

  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of channel.overwrites) {
    if (overwrite.type !== 'role' || !member.roles.includes(overwrite.id)) continue;
    roleAllow |= overwrite.allow;
    roleDeny |= overwrite.deny;
  }
  permissions = (permissions & ~roleDeny) | roleAllow;

  const own = channel.overwrites.find((o) => o.type === 'member' && o.id === userId);
  if (own) permissions = (permissions & ~own.deny) | own.allow;

  // Discord's implicit rules: no View Channel means nothing at all, and no Send Messages
  // takes the permissions that only make sense while sending with it.
  if (!hasPermissions(permissions, PermissionFlagsBits.ViewChannel)) return 0n;
  if (!hasPermissions(permissions, PermissionFlagsBits.SendMessages)) {
    permissions &= ~(
      PermissionFlagsBits.MentionEveryone |
      PermissionFlagsBits.SendTTSMessages |
      PermissionFlagsBits.AttachFiles |
      PermissionFlagsBits.EmbedLinks
    );
  }
  return permissions;
}

/** Whether role `a` sits above role `b` (higher position; on a tie, the older role wins). */
export function isRoleAbove(a: RoleRecord, b: RoleRecord): boolean {
  if (a.position !== b.position) return a.position > b.position;
  return BigInt(a.id) < BigInt(b.id);
}

/** A member's highest role, or @everyone when they have none. */
export function highestRole(guild: GuildRecord, userId: string): RoleRecord | undefined {
  let highest = guild.roles.get(guild.id);
  for (const roleId of guild.members.get(userId)?.roles ?? []) {
    const role = guild.roles.get(roleId);
    if (role && (!highest || isRoleAbove(role, highest))) highest = role;
  }
  return highest;
}
