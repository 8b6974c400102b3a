import {
  ActionRowBuilder,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  inlineCode,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { endpointUrl, type BotContext } from '../context.js';
import { EPHEMERAL } from '../reply.js';

/** Custom id of the modal that asks for the token, and of its one field. */
export const SETUP_MODAL_ID = 'tickety:setup';
export const SETUP_TOKEN_FIELD = 'token';

/**
 * `/tickety setup [token]`. Without a token it opens a private form, so the token is never typed
 * where a slash command's options could be seen in a screenshot of the chat bar.
 */
export async function runSetup(
  interaction: ChatInputCommandInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  const token = interaction.options.getString('token')?.trim();
  if (!token) {
    await interaction.showModal(buildTokenModal());
    return;
  }

  await saveToken(interaction, context, token);
}

/** The form opened by `/tickety setup` without a token. */
export async function runSetupModal(
  interaction: ModalSubmitInteraction<'cached'>,
  context: BotContext,
): Promise<void> {
  const token = interaction.fields.getTextInputValue(SETUP_TOKEN_FIELD).trim();
  if (!token) {
    await interaction.reply({
      content: 'The token was empty: run `/tickety setup` again and paste it.',
      flags: EPHEMERAL,
    });
    return;
  }

  await saveToken(interaction, context, token);
}

async function saveToken(
  interaction: ChatInputCommandInteraction<'cached'> | ModalSubmitInteraction<'cached'>,
  context: BotContext,
  token: string,
): Promise<void> {
  const replaced = context.servers.get(interaction.guildId)?.hasToken ?? false;
  context.servers.setToken(interaction.guildId, token);
  context.logger.info({ guildId: interaction.guildId, replaced }, 'tickety token stored');

  await interaction.reply({
    content: [
      replaced ? 'Token replaced: the old one stops working now.' : 'Token saved.',
      `In Tickety's dashboard, open **Advanced Logging → HTTP Events** and set the endpoint URL to ${inlineCode(endpointUrl(context, interaction.guildId))}.`,
      'Then add rules with `/tickety route add` and try them with `/tickety test`.',
    ].join('\n'),
    flags: EPHEMERAL,
  });
}

function buildTokenModal(): ModalBuilder {
  const input = new TextInputBuilder()
    .setCustomId(SETUP_TOKEN_FIELD)
    .setLabel('Token from Tickety (HTTP Events)')
    .setStyle(TextInputStyle.Short)
    .setRequired(true)
    .setMaxLength(512);
  return new ModalBuilder()
    .setCustomId(SETUP_MODAL_ID)
    .setTitle('Tickety bridge setup')
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
}
