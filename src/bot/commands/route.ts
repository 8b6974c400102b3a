import {
  channelMention,
  inlineCode,
  roleMention,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { RouteRule } from '../../db/rules.js';
import { channelProblem, eventProblem, idProblem, mentionProblem } from '../checks.js';
import type { BotContext } from '../context.js';
import { EPHEMERAL, codeSpan, droppedNote, listEmbed } from '../reply.js';

/** `/tickety route add|list|remove`. */
export async function runRoute(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  switch (interaction.options.getSubcommand(true)) {
    case 'add':
      return addRule(interaction, context);
    case 'list':
      return listRules(interaction, context);
    default:
      return removeRule(interaction, context);
  }
}

async function addRule(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  const eventPattern = interaction.options.getString('event', true);
  const refused = eventProblem(eventPattern);
  if (refused) {
    await interaction.reply({ content: refused, flags: EPHEMERAL });
    return;
  }

  const channel = interaction.options.getChannel('channel', true);
  const panelId = interaction.options.getString('panel')?.trim() || null;
  const mention = interaction.options.getRole('mention');
  const me = interaction.guild.members.me ?? (await interaction.guild.members.fetchMe());

  const problem =
    channelProblem(channel, me) ?? (mention ? mentionProblem(mention, channel, me) : undefined);
  if (problem) {
    await interaction.reply({ content: problem, flags: EPHEMERAL });
    return;
  }

  const candidate = {
    guildId: interaction.guildId,
    eventPattern,
    channelId: channel.id,
    panelId,
    mentionRoleId: mention?.id ?? null,
  };
  const existing = context.routing
    .forGuild(interaction.guildId)
    .rules.find((rule) => sameRule(rule, candidate));
  if (existing) {
    await interaction.reply({
      content: `Rule ${inlineCode(`#${existing.id}`)} already does exactly this: nothing changed.`,
      flags: EPHEMERAL,
    });
    return;
  }

  const rule = context.routing.addRule(candidate, interaction.user.id);
  await interaction.reply({
    content: `Saved rule ${inlineCode(`#${rule.id}`)}: ${describeRule(rule)}.`,
    flags: EPHEMERAL,
  });
}

async function listRules(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  const { rules } = context.routing.forGuild(interaction.guildId);
  await interaction.reply({
    embeds: [
      listEmbed(
        'Routing rules',
        rules.map((rule) => `${inlineCode(`#${rule.id}`)} ${describeRule(rule)}`),
        'No rules yet: add one with `/tickety route add`.',
        'Remove one with /tickety route remove id:N',
      ),
    ],
    flags: EPHEMERAL,
  });
}

async function removeRule(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  const id = interaction.options.getInteger('id', true);
  const refused = idProblem(id, 'rule');
  if (refused) {
    await interaction.reply({ content: refused, flags: EPHEMERAL });
    return;
  }

  const { removed, droppedDeliveries } = context.routing.removeRule(interaction.guildId, id);
  await interaction.reply({
    content: removed
      ? `Removed rule ${inlineCode(`#${id}`)}${droppedNote(droppedDeliveries)}.`
      : `There is no rule ${inlineCode(`#${id}`)} in this server: see \`/tickety route list\`.`,
    flags: EPHEMERAL,
  });
}

/** One line that says what a rule does, e.g. "ticket.* → #logs, panel `returns`, pings @Staff". */
export function describeRule(rule: Omit<RouteRule, 'id'>): string {
  const parts = [`${codeSpan(rule.eventPattern)} → ${channelMention(rule.channelId)}`];
  if (rule.panelId !== null) parts.push(`only panel ${codeSpan(rule.panelId)}`);
  if (rule.mentionRoleId !== null) parts.push(`pings ${roleMention(rule.mentionRoleId)}`);
  return parts.join(', ');
}

function sameRule(a: Omit<RouteRule, 'id'>, b: Omit<RouteRule, 'id'>): boolean {
  return (
    a.eventPattern === b.eventPattern &&
    a.channelId === b.channelId &&
    a.panelId === b.panelId &&
    a.mentionRoleId === b.mentionRoleId
  );
}
