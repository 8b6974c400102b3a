import { randomBytes } from 'node:crypto';
import {
  Events,
  PermissionFlagsBits,
  inlineCode,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { createDiscordClient, logGatewayChanges, type DiscordClientOptions } from './client.js';
import { COMMAND_NAME } from './command-definition.js';
import { runAction } from './commands/action.js';
import { runRoute } from './commands/route.js';
import { SETUP_MODAL_ID, runSetup, runSetupModal } from './commands/setup.js';
import { runReplay, runStatus } from './commands/status.js';
import { runTest } from './commands/test-event.js';
import type { BotContext } from './context.js';
import { EPHEMERAL } from './reply.js';

type Handler = (
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
) => Promise<void>;

const HANDLERS: Record<string, Handler> = {
  setup: runSetup,
  route: runRoute,
  action: runAction,
  test: runTest,
  status: runStatus,
  replay: runReplay,
};

/**
 * A Discord client that answers `/tickety` and reports its own errors and gateway changes to the
 * bot's log. Login is retried with a fresh client each time, so every one is built here alike.
 */
export function createBotClient(options: DiscordClientOptions, context: BotContext): Client {
  const client = createDiscordClient(options);
  client.on(
    Events.InteractionCreate,
    (interaction) => void handleInteraction(interaction, context),
  );
  client.on(Events.Error, (error) => context.logger.error({ err: error }, 'discord client error'));
  logGatewayChanges(client, context.logger);
  return client;
}

/**
 * Entry point for every interaction. Anything unexpected is logged with a short reference id and
 * the admin is shown that id, so a report can be matched to the log line.
 */
export async function handleInteraction(
  interaction: Interaction,
  context: BotContext,
): Promise<void> {
  const isOurs =
    (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) ||
    (interaction.isModalSubmit() && interaction.customId === SETUP_MODAL_ID);
  if (!isOurs) return;

  try {
    await route(interaction, context);
  } catch (error) {
    const reference = randomBytes(4).toString('hex');
    context.logger.error({ err: error, reference, guildId: interaction.guildId }, 'command failed');
    await answerFailure(interaction, reference).catch((replyError: unknown) =>
      context.logger.warn(
        { err: replyError, reference },
        'could not tell the user about a failed command',
      ),
    );
  }
}

async function route(
  interaction: ChatInputCommandInteraction | ModalSubmitInteraction,
  context: BotContext,
): Promise<void> {
  if (!interaction.inCachedGuild()) {
    await interaction.reply({
      content: 'This command works only inside a server the bot is in.',
      flags: EPHEMERAL,
    });
    return;
  }
  // Discord already hides the command from members without Manage Server, but server owners can
  // override that in Integrations settings; the bridge's settings stay an admin matter regardless.
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    await interaction.reply({
      content: 'You need the Manage Server permission to configure Tickety bridge.',
      flags: EPHEMERAL,
    });
    return;
  }

  if (interaction.isModalSubmit()) {
    await runSetupModal(interaction, context);
    return;
  }

  const name =
    interaction.options.getSubcommandGroup(false) ?? interaction.options.getSubcommand(true);
  const handler = HANDLERS[name];
  if (!handler) {
    await interaction.reply({
      content: `Unknown subcommand ${inlineCode(name)}.`,
      flags: EPHEMERAL,
    });
    return;
  }
  await handler(interaction, context);
}

async function answerFailure(
  interaction: ChatInputCommandInteraction | ModalSubmitInteraction,
  reference: string,
): Promise<void> {
  const content = `Something went wrong on my side. If it keeps happening, give the bot's operator this reference: ${inlineCode(reference)}.`;
  if (interaction.deferred || interaction.replied) await interaction.editReply({ content });
  else await interaction.reply({ content, flags: EPHEMERAL });
}
