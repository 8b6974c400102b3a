import { inlineCode, roleMention, type ChatInputCommandInteraction } from 'discord.js';
import type { RoleAction } from '../../db/rules.js';
import { patternsOverlap } from '../../routing/patterns.js';
import { eventProblem, idProblem, roleProblem } from '../checks.js';
import type { BotContext } from '../context.js';
import { EPHEMERAL, codeSpan, droppedNote, listEmbed } from '../reply.js';

/** `/tickety action add|list|remove`. */
export async function runAction(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  switch (interaction.options.getSubcommand(true)) {
    case 'add':
      return addAction(interaction, context);
    case 'list':
      return listActions(interaction, context);
    default:
      return removeAction(interaction, context);
  }
}

async function addAction(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  const eventPattern = interaction.options.getString('event', true);
  const refused = eventProblem(eventPattern);
  if (refused) {
    await interaction.reply({ content: refused, flags: EPHEMERAL });
    return;
  }

  const role = interaction.options.getRole('role', true);
  const mode = interaction.options.getString('mode', true) === 'remove' ? 'remove' : 'add';
  const me = interaction.guild.members.me ?? (await interaction.guild.members.fetchMe());

  const problem = roleProblem(role, me);
  if (problem) {
    await interaction.reply({ content: problem, flags: EPHEMERAL });
    return;
  }

  const candidate = { guildId: interaction.guildId, eventPattern, roleId: role.id, mode } as const;
  const existing = context.routing
    .forGuild(interaction.guildId)
    .actions.find(
      (action) =>
        action.eventPattern === eventPattern && action.roleId === role.id && action.mode === mode,
    );
  if (existing) {
    await interaction.reply({
      content: `Action ${inlineCode(`#${existing.id}`)} already does exactly this: nothing changed.`,
      flags: EPHEMERAL,
    });
    return;
  }

  const conflict = contradiction(context.routing.forGuild(interaction.guildId).actions, candidate);
  if (conflict) {
    await interaction.reply({ content: conflict, flags: EPHEMERAL });
    return;
  }

  const action = context.routing.addAction(candidate, interaction.user.id);
  await interaction.reply({
    content: `Saved action ${inlineCode(`#${action.id}`)}: ${describeAction(action)}.`,
    flags: EPHEMERAL,
  });
}

async function listActions(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  const { actions } = context.routing.forGuild(interaction.guildId);
  await interaction.reply({
    embeds: [
      listEmbed(
        'Role actions',
        actions.map((action) => `${inlineCode(`#${action.id}`)} ${describeAction(action)}`),
        'No role actions yet: add one with `/tickety action add`.',
        'Remove one with /tickety action remove id:N',
      ),
    ],
    flags: EPHEMERAL,
  });
}

async function removeAction(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  const id = interaction.options.getInteger('id', true);
  const refused = idProblem(id, 'action');
  if (refused) {
    await interaction.reply({ content: refused, flags: EPHEMERAL });
    return;
  }

  const { removed, droppedDeliveries } = context.routing.removeAction(interaction.guildId, id);
  await interaction.reply({
    content: removed
      ? `Removed action ${inlineCode(`#${id}`)}${droppedNote(droppedDeliveries)}.`
      : `There is no action ${inlineCode(`#${id}`)} in this server: see \`/tickety action list\`.`,
    flags: EPHEMERAL,
  });
}

/**
 * Why a new action would undo an existing one, or undefined when it would not: the same role given
 * by one and taken by the other on events both match would be applied in id order, so the result
 * would depend on numbering rather than on what the admin meant.
 */
function contradiction(
  actions: readonly RoleAction[],
  candidate: Omit<RoleAction, 'id'>,
): string | undefined {
  const existing = actions.find(
    (action) =>
      action.roleId === candidate.roleId &&
      action.mode !== candidate.mode &&
      patternsOverlap(action.eventPattern, candidate.eventPattern),
  );
  if (!existing) return undefined;
  const does =
    existing.mode === 'add'
      ? `gives ${roleMention(existing.roleId)}`
      : `takes ${roleMention(existing.roleId)} away`;
  return `Action ${inlineCode(`#${existing.id}`)} already ${does} on ${codeSpan(existing.eventPattern)}, which overlaps ${codeSpan(candidate.eventPattern)}: remove it first with \`/tickety action remove id:${existing.id}\`, then add this one.`;
}

/** One line that says what an action does, e.g. "on `verification.pass` give @Member". */
export function describeAction(action: Omit<RoleAction, 'id'>): string {
  const verb = action.mode === 'add' ? 'give' : 'take away';
  return `on ${codeSpan(action.eventPattern)} ${verb} ${roleMention(action.roleId)}`;
}
