import { PermissionFlagsBits } from 'discord-api-types/v10';

import { errors } from '../api-errors.js';
import { basePermissions, hasPermissions, highestRole, isRoleAbove } from '../permissions.js';
import { toApiChannel, toApiGuild, toApiMember, toApiRole } from '../payloads.js';
import { noContent, ok, param, route, type RestRequest, type Route } from '../router.js';
import type { GuildRecord, MemberRecord, RoleRecord } from '../state.js';
import { requireGuild, type RouteContext } from './context.js';

/** Reading guilds, their roles, channels and members, and adding or removing member roles. */
export function guildRoutes(context: RouteContext): Route[] {
  const { state } = context;

  const guildOf = (request: RestRequest): GuildRecord =>
    requireGuild(context, param(request, 'guildId'));
  const memberOf = (request: RestRequest): { guild: GuildRecord; member: MemberRecord } => {
    const guild = guildOf(request);
    const member = guild.members.get(param(request, 'userId'));
    if (!member) throw errors.unknownMember();
    return { guild, member };
  };

  /**
   * Discord's rules for changing someone's roles: the bot needs Manage Roles, the role must be
   * below the bot's highest role, and managed roles (bots, boosters) cannot be given or taken.
   */
  const assignableRole = (
    request: RestRequest,
  ): { guild: GuildRecord; member: MemberRecord; role: RoleRecord } => {
    const { guild, member } = memberOf(request);
    const role = guild.roles.get(param(request, 'roleId'));
    if (!role) throw errors.unknownRole();

    const botId = state.botUser.id;
    const canManage = hasPermissions(
      basePermissions(guild, botId),
      PermissionFlagsBits.ManageRoles,
    );
    const botTop = highestRole(guild, botId);
    const below = guild.ownerId === botId || (botTop !== undefined && isRoleAbove(botTop, role));
    if (!canManage || !below || role.managed || role.id === guild.id)
      throw errors.missingPermissions();
    return { guild, member, role };
  };

  return [
    route('GET', '/guilds/:guildId', (request) => ok(toApiGuild(guildOf(request)))),
    route('GET', '/guilds/:guildId/roles', (request) =>
      ok([...guildOf(request).roles.values()].map(toApiRole)),
    ),
    route('GET', '/guilds/:guildId/channels', (request) =>
      ok(state.guildChannels(guildOf(request).id).map(toApiChannel)),
    ),
    route('GET', '/guilds/:guildId/members/:userId', (request) =>
      ok(toApiMember(state, memberOf(request).member)),
    ),

    route('PUT', '/guilds/:guildId/members/:userId/roles/:roleId', (request) => {
      const { guild, member, role } = assignableRole(request);
      if (!member.roles.includes(role.id)) {
        context.admin.setMemberRoles(guild.id, member.userId, [...member.roles, role.id]);
      }
      return noContent;
    }),
    route('DELETE', '/guilds/:guildId/members/:userId/roles/:roleId', (request) => {
      const { guild, member, role } = assignableRole(request);
      if (member.roles.includes(role.id)) {
        const remaining = member.roles.filter((id) => id !== role.id);
        context.admin.setMemberRoles(guild.id, member.userId, remaining);
      }
      return noContent;
    }),
  ];
}
