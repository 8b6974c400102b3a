import {
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { EVENT_PATTERNS } from '../routing/patterns.js';

/** The one command the bot registers; everything an admin does is a subcommand of it. */
export const COMMAND_NAME = 'tickety';

const eventChoices = EVENT_PATTERNS.map((pattern) => ({ name: pattern, value: pattern }));

/** Channel kinds a rule may post in: the ones that take ordinary messages with embeds. */
export const POSTABLE_CHANNEL_TYPES = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
] as const;

/**
 * `/tickety`, usable in servers only and, by default, only by members with Manage Server. Server
 * owners can still widen that in Discord's own Integrations settings.
 */
export function buildTicketyCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Bridge Tickety events into this server')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((sub) =>
      sub
        .setName('setup')
        .setDescription('Store the token Tickety generated and show the endpoint URL')
        .addStringOption((option) =>
          option
            .setName('token')
            .setDescription('Leave empty to type it in a private form')
            .setMaxLength(512),
        ),
    )
    .addSubcommandGroup((group) =>
      group
        .setName('route')
        .setDescription('Where events are posted')
        .addSubcommand((sub) =>
          sub
            .setName('add')
            .setDescription('Post matching events in a channel')
            .addStringOption((option) =>
              option
                .setName('event')
                .setDescription('Event type or group')
                .setRequired(true)
                .addChoices(...eventChoices),
            )
            .addChannelOption((option) =>
              option
                .setName('channel')
                .setDescription('Where to post')
                .setRequired(true)
                .addChannelTypes(...POSTABLE_CHANNEL_TYPES),
            )
            .addStringOption((option) =>
              option
                .setName('panel')
                .setDescription('Only events from this Tickety panel id')
                .setMaxLength(100),
            )
            .addRoleOption((option) =>
              option.setName('mention').setDescription('Role to ping with each event'),
            ),
        )
        .addSubcommand((sub) => sub.setName('list').setDescription('Show routing rules'))
        .addSubcommand((sub) =>
          sub
            .setName('remove')
            .setDescription('Delete a routing rule')
            .addIntegerOption((option) =>
              option
                .setName('id')
                .setDescription('Rule id from /tickety route list')
                .setRequired(true)
                .setMinValue(1),
            ),
        ),
    )
    .addSubcommandGroup((group) =>
      group
        .setName('action')
        .setDescription('Roles given or taken on events')
        .addSubcommand((sub) =>
          sub
            .setName('add')
            .setDescription('Give or take a role from the member an event is about')
            .addStringOption((option) =>
              option
                .setName('event')
                .setDescription('Event type or group')
                .setRequired(true)
                .addChoices(...eventChoices),
            )
            .addRoleOption((option) =>
              option.setName('role').setDescription('The role').setRequired(true),
            )
            .addStringOption((option) =>
              option
                .setName('mode')
                .setDescription('Give or take the role')
                .setRequired(true)
                .addChoices({ name: 'add', value: 'add' }, { name: 'remove', value: 'remove' }),
            ),
        )
        .addSubcommand((sub) => sub.setName('list').setDescription('Show role actions'))
        .addSubcommand((sub) =>
          sub
            .setName('remove')
            .setDescription('Delete a role action')
            .addIntegerOption((option) =>
              option
                .setName('id')
                .setDescription('Action id from /tickety action list')
                .setRequired(true)
                .setMinValue(1),
            ),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('test')
        .setDescription('Send a made-up event through your rules (does not use Tickety quota)')
        .addStringOption((option) =>
          option
            .setName('event')
            .setDescription('Event type or group')
            .setRequired(true)
            .addChoices(...eventChoices),
        ),
    )
    .addSubcommand((sub) =>
      sub.setName('status').setDescription('Endpoint, token, recent events and delivery health'),
    )
    .addSubcommand((sub) =>
      sub.setName('replay').setDescription("Retry this server's failed deliveries"),
    )
    .toJSON();
}
