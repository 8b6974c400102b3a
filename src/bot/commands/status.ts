import { TimestampStyles, inlineCode, time, type ChatInputCommandInteraction } from 'discord.js';
import { endpointUrl, type BotContext } from '../context.js';
import { EPHEMERAL, INFO_COLOUR, codeSpan } from '../reply.js';

/** Tickety's free tier stops sending after this many events per UTC day. */
const FREE_DAILY_EVENTS = 100;

/** `/tickety status`: everything an admin needs to tell whether the bridge works. */
export async function runStatus(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  const guildId = interaction.guildId;
  const server = context.servers.get(guildId);
  const status = context.stats.forGuild(guildId);

  const lastEvent = status.lastEvent
    ? `${codeSpan(status.lastEvent.type)} ${time(new Date(status.lastEvent.receivedAt), TimestampStyles.RelativeTime)}`
    : 'None yet';
  const failures =
    status.recentFailures.length === 0
      ? 'None'
      : status.recentFailures
          .map(
            (failure) =>
              `• ${codeSpan(failure.eventType)} ${time(new Date(failure.at), TimestampStyles.RelativeTime)}: ${failure.reason}`,
          )
          .join('\n')
          .slice(0, 1024);

  await interaction.reply({
    embeds: [
      {
        title: 'Tickety bridge status',
        color: INFO_COLOUR,
        fields: [
          { name: 'Endpoint URL', value: inlineCode(endpointUrl(context, guildId)) },
          {
            name: 'Token',
            value: server?.hasToken
              ? 'Set'
              : 'Not set: run `/tickety setup` with the token from Tickety',
            inline: true,
          },
          { name: 'Last event', value: lastEvent, inline: true },
          {
            name: 'Events today (UTC)',
            value: `${status.eventsToday} (free Tickety servers stop at ${FREE_DAILY_EVENTS} a day)`,
            inline: true,
          },
          { name: 'Deliveries pending', value: String(status.pending), inline: true },
          {
            name: 'Deliveries failed',
            value:
              status.failed > 0 ? `${status.failed}: fix the cause, then \`/tickety replay\`` : '0',
            inline: true,
          },
          { name: 'Recent failures', value: failures },
        ],
      },
    ],
    flags: EPHEMERAL,
  });
}

/** `/tickety replay`: puts this server's failed deliveries back in the queue. */
export async function runReplay(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  const count = context.queue.replayFailed(interaction.guildId);
  if (count > 0) context.wakeDelivery();
  context.logger.info({ guildId: interaction.guildId, count }, 'failed deliveries replayed');

  await interaction.reply({
    content:
      count === 0
        ? 'There are no failed deliveries to retry.'
        : `Retrying ${count} failed ${count === 1 ? 'delivery' : 'deliveries'}. Check \`/tickety status\` in a minute.`,
    flags: EPHEMERAL,
  });
}
