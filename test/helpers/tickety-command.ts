import { ApplicationCommandOptionType } from 'discord.js';
import type { CommandOptionInput, InteractionReply, LocalDiscord } from '../local-discord/index.js';

/** One option value of `/tickety`, typed the way Discord sends it. */
export type OptionValue = { type: ApplicationCommandOptionType; value: string | number };

export const text = (value: string): OptionValue => ({
  type: ApplicationCommandOptionType.String,
  value,
});
export const integer = (value: number): OptionValue => ({
  type: ApplicationCommandOptionType.Integer,
  value,
});
export const channel = (id: string): OptionValue => ({
  type: ApplicationCommandOptionType.Channel,
  value: id,
});
export const role = (id: string): OptionValue => ({
  type: ApplicationCommandOptionType.Role,
  value: id,
});

/**
 * Runs `/tickety <path>` as a user of the local Discord and waits for the bot's final answer, e.g.
 * `runTickety(discord, 'route add', { event: text('*'), channel: channel(id) })`.
 */
export async function runTickety(
  discord: LocalDiscord,
  path: string,
  options: Record<string, OptionValue> = {},
  as: { userId?: string; guildId?: string } = {},
): Promise<InteractionReply> {
  const leaves: CommandOptionInput[] = Object.entries(options).map(([name, option]) => ({
    name,
    ...option,
  }));
  const [first, second] = path.split(' ');
  const tree: CommandOptionInput[] =
    second === undefined
      ? [{ type: ApplicationCommandOptionType.Subcommand, name: first!, options: leaves }]
      : [
          {
            type: ApplicationCommandOptionType.SubcommandGroup,
            name: first!,
            options: [
              { type: ApplicationCommandOptionType.Subcommand, name: second, options: leaves },
            ],
          },
        ];

  const handle = await discord.sendCommand({
    name: 'tickety',
    options: tree,
    userId: as.userId ?? discord.guild.users.admin,
    guildId: as.guildId ?? discord.guild.id,
  });
  return handle.final();
}
