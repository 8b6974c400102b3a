import { PermissionFlagsBits, type APIMessage } from 'discord-api-types/v10';

import type { MessageFields } from './message-validation.js';
import { channelPermissions, hasPermissions } from './permissions.js';
import { toApiUser } from './payloads.js';
import type { ChannelRecord, DiscordState, GuildRecord } from './state.js';

interface AllowedMentions {
  parse?: string[];
  roles?: string[];
  users?: string[];
}

/**
 * Who a new message actually pings, the way Discord decides it: a mention in the content counts
 * only if `allowed_mentions` lets it through (by `parse` or by listing the id), and a role only if
 * it is mentionable or the author may mention everyone. Mentions inside embeds never ping.
 */
export function resolveMentions(
  state: DiscordState,
  guild: GuildRecord,
  channel: ChannelRecord,
  authorId: string,
  fields: MessageFields,
): Pick<APIMessage, 'mention_everyone' | 'mention_roles' | 'mentions'> {
  const content = fields.content ?? '';
  const allowed = (fields.allowed_mentions ?? {
    parse: ['everyone', 'roles', 'users'],
  }) as AllowedMentions;
  const parse = new Set(allowed.parse ?? []);
  const mayMentionEveryone = hasPermissions(
    channelPermissions(guild, channel, authorId),
    PermissionFlagsBits.MentionEveryone,
  );

  const roleIds = [...content.matchAll(/<@&(\d+)>/g)].map((match) => match[1]!);
  const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1]!);
  const roles = roleIds.filter((id) => {
    const role = guild.roles.get(id);
    const allowedHere = parse.has('roles') || (allowed.roles ?? []).includes(id);
    return role !== undefined && allowedHere && (role.mentionable || mayMentionEveryone);
  });
  const users = userIds.filter((id) => parse.has('users') || (allowed.users ?? []).includes(id));

  return {
    mention_everyone:
      parse.has('everyone') && mayMentionEveryone && /@(everyone|here)/.test(content),
    mention_roles: [...new Set(roles)],
    mentions: [...new Set(users)].flatMap((id) => {
      const user = state.users.get(id);
      return user ? [toApiUser(user)] : [];
    }),
  };
}
