import {
  ApplicationCommandOptionType,
  type APIInteractionDataResolved,
  type APIInteractionDataResolvedChannel,
} from 'discord-api-types/v10';

import { channelPermissions } from './permissions.js';
import { toApiChannel, toApiMember, toApiRole, toApiUser } from './payloads.js';
import type { ChannelRecord, DiscordState, GuildRecord } from './state.js';

/** A slash-command option as Discord sends it: nested for subcommand groups and subcommands. */
export interface CommandOptionInput {
  type: ApplicationCommandOptionType | number;
  name: string;
  value?: string | number | boolean;
  options?: CommandOptionInput[];
  focused?: boolean;
}

/** Who invokes an interaction, and where. */
export interface InteractionPlace {
  guild: GuildRecord;
  channel: ChannelRecord;
  userId: string;
}

/**
 * The fields every guild interaction carries. discord.js needs `entitlements`,
 * `authorizing_integration_owners`, `app_permissions`, `application_id`, `token` and `version`.
 */
export function baseInteraction(
  state: DiscordState,
  place: InteractionPlace,
  ids: { id: string; token: string; type: number },
): Record<string, unknown> {
  const { guild, channel, userId } = place;
  const member = guild.members.get(userId);
  if (!member) throw new Error(`local Discord: ${userId} is not a member of guild ${guild.id}`);

  return {
    ...ids,
    application_id: state.applicationId,
    guild_id: guild.id,
    guild: { id: guild.id, locale: 'en-US', features: [] },
    channel: toApiChannel(channel),
    channel_id: channel.id,
    member: {
      ...toApiMember(state, member),
      permissions: channelPermissions(guild, channel, userId).toString(),
    },
    version: 1,
    app_permissions: channelPermissions(guild, channel, state.botUser.id).toString(),
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    attachment_size_limit: 10_485_760,
  };
}

/**
 * Fills `resolved` for every user, channel, role and mentionable option, as Discord does,
 * from the current state; an id that does not exist is a mistake in the test.
 */
export function resolveOptions(
  state: DiscordState,
  place: InteractionPlace,
  options: readonly CommandOptionInput[],
): APIInteractionDataResolved {
  const resolved: Required<
    Pick<APIInteractionDataResolved, 'users' | 'members' | 'roles' | 'channels'>
  > = {
    users: {},
    members: {},
    roles: {},
    channels: {},
  };
  const { guild, userId } = place;

  const addUser = (id: string): boolean => {
    const user = state.users.get(id);
    if (!user) return false;
    resolved.users[id] = toApiUser(user);
    const member = guild.members.get(id);
    if (member) {
      const { roles, joined_at, nick, avatar, premium_since, pending, flags } = toApiMember(
        state,
        member,
      );
      resolved.members[id] = {
        roles,
        joined_at,
        nick,
        avatar,
        premium_since,
        pending,
        flags,
        permissions: channelPermissions(guild, place.channel, id).toString(),
      };
    }
    return true;
  };
  const addRole = (id: string): boolean => {
    const role = guild.roles.get(id);
    if (role) resolved.roles[id] = toApiRole(role);
    return role !== undefined;
  };
  const addChannel = (id: string): boolean => {
    const channel = state.channels.get(id);
    if (!channel || channel.guildId !== guild.id) return false;
    resolved.channels[id] = {
      id,
      name: channel.name,
      type: channel.type,
      parent_id: channel.parentId,
      permissions: channelPermissions(guild, channel, userId).toString(),
    } as APIInteractionDataResolvedChannel;
    return true;
  };

  const visit = (option: CommandOptionInput): void => {
    option.options?.forEach(visit);
    const id = String(option.value);
    const found = {
      [ApplicationCommandOptionType.User]: () => addUser(id),
      [ApplicationCommandOptionType.Channel]: () => addChannel(id),
      [ApplicationCommandOptionType.Role]: () => addRole(id),
      [ApplicationCommandOptionType.Mentionable]: () => addRole(id) || addUser(id),
    }[option.type];
    if (found && !found()) {
      throw new Error(`local Discord: option "${option.name}" names ${id}, which does not exist`);
    }
  };
  options.forEach(visit);

  return Object.fromEntries(Object.entries(resolved).filter(([, map]) => Object.keys(map).length));
}

/**
 * The submitted components of a modal. When the bot showed this modal, its layout (action
 * rows or labels) is mirrored and every field must belong to it; otherwise plain action rows.
 */
export function modalSubmission(
  shown: readonly unknown[] | undefined,
  fields: Record<string, string>,
): unknown[] {
  if (!shown) {
    return Object.entries(fields).map(([customId, value]) => ({
      type: 1,
      components: [{ type: 4, custom_id: customId, value }],
    }));
  }

  const used = new Set<string>();
  const input = (component: Record<string, unknown>): Record<string, unknown> => {
    const customId = String(component.custom_id);
    used.add(customId);
    return { type: 4, custom_id: customId, value: fields[customId] ?? '' };
  };
  const submitted = (shown as Record<string, unknown>[]).flatMap((top): unknown[] => {
    if (top.type === 1 && Array.isArray(top.components)) {
      return [{ type: 1, components: (top.components as Record<string, unknown>[]).map(input) }];
    }
    const child = top.component as Record<string, unknown> | undefined;
    return top.type === 18 && child?.type === 4 ? [{ type: 18, component: input(child) }] : [];
  });

  const unknown = Object.keys(fields).filter((customId) => !used.has(customId));
  if (unknown.length) {
    throw new Error(`local Discord: the modal shown has no input ${unknown.join(', ')}`);
  }
  return submitted;
}
