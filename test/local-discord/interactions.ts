import { randomBytes } from 'node:crypto';

import {
  ApplicationCommandType,
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  ComponentType,
  type APIInteractionDataResolved,
  type APIMessage,
} from 'discord-api-types/v10';

import { interactionHandle, type InteractionHandle } from './interaction-handle.js';
import type { InteractionRecord } from './interaction-records.js';
import {
  baseInteraction,
  modalSubmission,
  resolveOptions,
  type CommandOptionInput,
  type InteractionPlace,
} from './interaction-payloads.js';
import type { DiscordState } from './state.js';

/** Where an interaction happens; each defaults to the seeded guild, its member and #general. */
export interface InteractionTarget {
  guildId?: string;
  userId?: string;
  channelId?: string;
}

/** A slash command a user runs. */
export interface CommandInput extends InteractionTarget {
  name: string;
  options?: CommandOptionInput[];
  /** Merged over the `resolved` data filled in from the state. */
  resolved?: APIInteractionDataResolved;
}

/** A modal a user submits: text input custom_id → value. */
export interface ModalSubmitInput extends InteractionTarget {
  customId: string;
  fields: Record<string, string>;
  /** When the modal was opened from a component: the message that component was on. */
  messageId?: string;
}

/** A user clicking a button (or choosing in a select menu) on a message the bot sent. */
export interface ComponentInput extends InteractionTarget {
  messageId: string;
  customId: string;
  /** Default: 2, a button. */
  componentType?: ComponentType;
  /** The chosen values, for select menus. */
  values?: string[];
}

/** Builds interactions, sends them as INTERACTION_CREATE and hands tests a handle. */
export class InteractionFactory {
  constructor(
    private readonly state: DiscordState,
    private readonly dispatch: (event: string, data: unknown) => void,
    private readonly defaults: Required<InteractionTarget>,
  ) {}

  /** Sends APPLICATION_COMMAND (type 2) for a registered chat-input command. */
  command(input: CommandInput): InteractionHandle {
    const place = this.place(input);
    const commands = [
      ...(this.state.guildCommands.get(place.guild.id) ?? []),
      ...this.state.globalCommands,
    ];
    const command = commands.find(
      (c) => c.name === input.name && c.type === ApplicationCommandType.ChatInput,
    );
    if (!command) {
      const known = commands.map((c) => c.name).join(', ') || 'none';
      throw new Error(`local Discord: /${input.name} is not registered (registered: ${known})`);
    }

    const options = input.options ?? [];
    const resolved = { ...resolveOptions(this.state, place, options), ...input.resolved };
    return this.send(InteractionType.ApplicationCommand, place, `/${input.name}`, {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
      ...(options.length ? { options } : {}),
      ...(Object.keys(resolved).length ? { resolved } : {}),
    });
  }

  /** Sends MODAL_SUBMIT (type 5), mirroring the modal the bot showed with this custom_id. */
  modalSubmit(input: ModalSubmitInput): InteractionHandle {
    const place = this.place(input);
    const shown = [...this.state.interactions.values()]
      .flatMap((interaction) => interaction.replies)
      .filter(
        (reply) =>
          reply.type === InteractionResponseType.Modal && reply.customId === input.customId,
      )
      .at(-1);
    const components = modalSubmission(shown?.components, input.fields);
    const source = input.messageId === undefined ? null : this.message(place, input.messageId);
    const data = { custom_id: input.customId, components };
    return this.send(InteractionType.ModalSubmit, place, `modal ${input.customId}`, data, source);
  }

  /** Sends MESSAGE_COMPONENT (type 3) for a component on a message the bot sent. */
  component(input: ComponentInput): InteractionHandle {
    const found = this.state.findMessage(input.channelId, input.messageId);
    const place = this.place({ ...input, channelId: input.channelId ?? found?.channel_id });
    const data = {
      custom_id: input.customId,
      component_type: input.componentType ?? ComponentType.Button,
      ...(input.values ? { values: input.values } : {}),
    };
    const source = this.message(place, input.messageId);
    return this.send(
      InteractionType.MessageComponent,
      place,
      `component ${input.customId}`,
      data,
      source,
    );
  }

  private send(
    type: InteractionType,
    place: InteractionPlace,
    label: string,
    data: unknown,
    source: APIMessage | null = null,
  ): InteractionHandle {
    const id = this.state.nextId();
    const token = `local.${randomBytes(24).toString('base64url')}`;
    const record: InteractionRecord = {
      id,
      token,
      type,
      guildId: place.guild.id,
      channelId: place.channel.id,
      userId: place.userId,
      createdAt: Date.now(),
      callbackType: null,
      original: null,
      source,
      followUps: [],
      replies: [],
    };
    this.state.interactions.set(id, record);
    this.dispatch(GatewayDispatchEvents.InteractionCreate, {
      ...baseInteraction(this.state, place, { id, token, type }),
      data,
      ...(source ? { message: source } : {}),
    });
    return interactionHandle(record, this.state.changed, `${label} (interaction ${id})`);
  }

  private message(place: InteractionPlace, messageId: string): APIMessage {
    const message = this.state.findMessage(place.channel.id, messageId);
    if (!message) throw new Error(`local Discord: no message ${messageId} in ${place.channel.id}`);
    return message;
  }

  private place(target: InteractionTarget): InteractionPlace {
    const guildId = target.guildId ?? this.defaults.guildId;
    const guild = this.state.guilds.get(guildId);
    const channelId =
      target.channelId ??
      (target.guildId ? this.state.guildChannels(guildId)[0]?.id : this.defaults.channelId);
    const channel = channelId === undefined ? undefined : this.state.channels.get(channelId);
    if (!guild || !channel || channel.guildId !== guild.id) {
      throw new Error(
        `local Discord: no channel ${target.channelId ?? '(first)'} in guild ${guildId}`,
      );
    }
    return { guild, channel, userId: target.userId ?? this.defaults.userId };
  }
}
