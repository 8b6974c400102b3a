import { channelMention, roleMention, type ChatInputCommandInteraction } from 'discord.js';
import { matchesPattern } from '../../routing/patterns.js';
import { planDeliveries, type SourcedDelivery } from '../../routing/plan.js';
import { EVENT_TYPES } from '../../tickety/event-types.js';
import { sampleEvent } from '../../tickety/samples.js';
import { eventProblem } from '../checks.js';
import type { BotContext } from '../context.js';
import { EPHEMERAL, codeSpan } from '../reply.js';

/**
 * `/tickety test event:EVENT`: made-up events of each matching type go through the same routing,
 * rendering and delivery as real ones, without calling Tickety (so no quota is spent). Role
 * actions are only described, never applied: a test must not change anyone's roles.
 */
export async function runTest(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  const pattern = interaction.options.getString('event', true);
  const refused = eventProblem(pattern);
  if (refused) {
    await interaction.reply({ content: refused, flags: EPHEMERAL });
    return;
  }

  await interaction.deferReply({ flags: EPHEMERAL });
  const routing = context.routing.forGuild(interaction.guildId);
  const lines: string[] = [];

  for (const type of EVENT_TYPES.filter((candidate) => matchesPattern(pattern, candidate))) {
    const event = sampleEvent(type);
    const planned = planDeliveries(event, routing);
    await context.intake.accept(interaction.guildId, event, true);
    lines.push(`${codeSpan(type)}: ${describePlan(planned)}`);
  }

  await interaction.editReply({
    content: ['Sent test events (marked as tests, no Tickety quota used):', ...lines]
      .join('\n')
      .slice(0, 2000),
  });
}

function describePlan(planned: readonly SourcedDelivery[]): string {
  const posts = planned.flatMap((p) =>
    p.kind === 'message'
      ? [`posted in ${channelMention(p.channelId)} (${sources('rule', p.sourceIds)})`]
      : [],
  );
  const roles = planned.flatMap((p) =>
    p.kind === 'role'
      ? [
          `would ${p.mode === 'add' ? 'give' : 'take away'} ${roleMention(p.roleId)} (${sources('action', p.sourceIds)}, not applied to tests)`,
        ]
      : [],
  );
  const all = [...posts, ...roles];
  return all.length > 0 ? all.join('; ') : 'no rule matches, so nothing was posted';
}

/** "rule #1" or "rules #1, #2": every rule or action that asked for one delivery. */
function sources(noun: 'rule' | 'action', ids: readonly number[]): string {
  return `${noun}${ids.length === 1 ? '' : 's'} ${ids.map((id) => `#${id}`).join(', ')}`;
}
