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
  await saveToken(interaction, context, interaction.fields.getTextInputValue(SETUP_TOKEN_FIELD));
}

/**
 * A pasted token as it will be stored, or why it cannot be. The endpoint reads the token from an
 * `Authorization` header, which drops a leading `Bearer ` and the white space around it, so a token
 * kept with either could never match; one with white space or a control character inside could
 * not even be sent in a header.
 */
function cleanToken(pasted: string): { token: string; strippedBearer: boolean } | string {
  let token = pasted.trim();
  const strippedBearer = /^bearer\s/i.test(token);
  if (strippedBearer) token = token.slice(7).trim();

  if (token === '') return 'The token was empty: run `/tickety setup` again and paste it.';
  if (/^bearer$/i.test(token)) return 'That is only the word "Bearer": paste the token itself.';
  // A header carries only visible ASCII reliably: anything else could never arrive as typed.
  if (/[^\x21-\x7e]/.test(token)) {
    return "That token has a space, an invisible or a non-ASCII character inside: paste it exactly as Tickety's dashboard shows it.";
  }
  return { token, strippedBearer };
}

async function saveToken(
  interaction: ChatInputCommandInteraction<'cached'> | ModalSubmitInteraction<'cached'>,
  context: BotContext,
  pasted: string,
): Promise<void> {
  const cleaned = cleanToken(pasted);
  if (typeof cleaned === 'string') {
    await interaction.reply({ content: cleaned, flags: EPHEMERAL });
    return;
  }

  const { token, strippedBearer } = cleaned;
  const guildId = interaction.guildId;
  const unchanged = context.servers.verifyToken(guildId, token);
  const replaced = !unchanged && (context.servers.get(guildId)?.hasToken ?? false);
  if (!unchanged) {
    context.servers.setToken(guildId, token);
    context.logger.info({ guildId, replaced }, 'tickety token stored');
  }

  const outcome = unchanged
    ? 'Token unchanged: this is the one already set.'
    : replaced
      ? 'Token replaced: the old one stops working now.'
      : 'Token saved.';
  await interaction.reply({
    content: [
      strippedBearer
        ? `${outcome} I left out the leading "Bearer ", which is not part of it.`
        : outcome,
      `In Tickety's dashboard, open **Advanced Logging → HTTP Events** and set the endpoint URL to ${inlineCode(endpointUrl(context, guildId))}.`,
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
