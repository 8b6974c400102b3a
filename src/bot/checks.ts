import {
  PermissionFlagsBits,
  channelMention,
  inlineCode,
  roleMention,
  type GuildMember,
  type GuildBasedChannel,
  type Role,
} from 'discord.js';
import { isEventPattern } from '../routing/patterns.js';
import { codeSpan } from './reply.js';
import { EVENT_TYPES, familyOfName } from '../tickety/event-types.js';

const CHANNEL_NEEDS = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
] as const;

/**
 * Why the bot could not post events in a channel, or undefined when it can. Checked when a rule
 * is saved, so an admin learns about a missing permission now rather than at the next ticket.
 */
export function channelProblem(channel: GuildBasedChannel, me: GuildMember): string | undefined {
  if (!channel.isTextBased() || channel.isThread() || channel.isVoiceBased()) {
    return `${channelMention(channel.id)} is not a text channel: pick a text or announcement channel.`;
  }

  const permissions = channel.permissionsFor(me);
  const missing = CHANNEL_NEEDS.filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
  if (missing.length === 0) return undefined;
  return `I can't post in ${channelMention(channel.id)}: give me ${joinWords(missing)} there.`;
}

/**
 * Why pinging a role from a rule would not notify anyone, or undefined when it would. Discord
 * delivers a bot's role mention only if the role is mentionable or the bot may mention everyone.
 */
export function mentionProblem(
  role: Role,
  channel: GuildBasedChannel,
  me: GuildMember,
): string | undefined {
  if (role.id === role.guild.id) return 'Pinging @everyone is not offered: pick a role to ping.';
  if (role.mentionable || channel.permissionsFor(me).has(PermissionFlagsBits.MentionEveryone))
    return undefined;
  return `I can't ping ${roleMention(role.id)}: turn on "Allow anyone to @mention this role" in its settings, or give me Mention @everyone, @here and All Roles in ${channelMention(channel.id)}.`;
}

/** Why the bot could not give or take a role, or undefined when it can. */
export function roleProblem(role: Role, me: GuildMember): string | undefined {
  if (role.id === role.guild.id) return 'Everyone already has @everyone: pick another role.';
  if (role.managed) {
    return `${roleMention(role.id)} is managed by an integration, so nobody can give or take it by hand: pick another role.`;
  }
  if (!me.permissions.has(PermissionFlagsBits.ManageRoles)) {
    return 'I need the Manage Roles permission to give or take roles: add it to my role in Server Settings → Roles.';
  }
  if (role.comparePositionTo(me.roles.highest) >= 0) {
    return `${roleMention(role.id)} is not below my highest role (${roleMention(me.roles.highest.id)}): drag my role above it in Server Settings → Roles.`;
  }
  return undefined;
}

/**
 * Why `value` cannot be used where a command asks for an EVENT, or undefined when it can. Discord
 * offers only the choices, but a client or a proxy can send any string, so the bot checks again.
 */
export function eventProblem(value: string): string | undefined {
  if (isEventPattern(value)) return undefined;

  const lowered = value.trim().toLowerCase();
  // `verification` alone names its family as surely as `verification.passed` does.
  const family = familyOfName(lowered) ?? familyOfName(`${lowered}.`) ?? 'ticket';
  const examples = isEventPattern(lowered)
    ? [lowered]
    : [EVENT_TYPES.find((type) => type.startsWith(`${family}.`))!, `${family}.*`];
  return `${shownValue(value)} is not an event: pick one of the suggestions, such as ${joinWords(
    examples.map((example) => inlineCode(example)),
    'or',
  )}.`;
}

/**
 * Why `id` cannot name a rule or action, or undefined when it can. Discord enforces the option's
 * minimum of 1, but the bot does not rely on it: nothing below 1 or fractional reaches the database.
 */
export function idProblem(id: unknown, kind: 'rule' | 'action'): string | undefined {
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 1) return undefined;
  return `There is no ${kind} ${shownValue(`#${String(id)}`)} in this server: ids are whole numbers from 1, see \`/tickety ${kind === 'rule' ? 'route' : 'action'} list\`.`;
}

/** A value the admin typed, as inline code that its own backticks or length cannot break. */
function shownValue(value: string): string {
  if (value.trim() === '') return 'An empty value';
  return codeSpan(value, 60);
}

function joinWords(words: readonly string[], last: 'and' | 'or' = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}
