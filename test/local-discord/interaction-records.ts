import type {
  APIEmbed,
  APIMessage,
  InteractionResponseType,
  InteractionType,
} from 'discord-api-types/v10';

/** What produced a recorded interaction reply. */
export type ReplyKind =
  | 'callback'
  | 'edit-original'
  | 'delete-original'
  | 'follow-up'
  | 'edit-follow-up'
  | 'delete-follow-up';

/** A text input of a modal the bot showed. */
export interface ModalInput {
  customId: string;
  label: string | null;
  style: number | null;
  required: boolean;
  value: string | null;
}

/** One response the bot gave to an interaction, as the user would see it afterwards. */
export interface InteractionReply {
  kind: ReplyKind;
  /** The callback type that started the response (4 reply, 5 deferred reply, 9 modal, ...). */
  type: InteractionResponseType;
  content: string | null;
  embeds: APIEmbed[];
  components: unknown[];
  flags: number;
  /** `flags` includes 64 (EPHEMERAL). */
  ephemeral: boolean;
  messageId: string | null;
  /** For modals (type 9): the modal's custom_id, title and text inputs. */
  customId?: string;
  title?: string;
  inputs?: ModalInput[];
  at: number;
}

/** An interaction this local Discord sent, and everything the bot answered to it. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  guildId: string;
  channelId: string;
  userId: string;
  createdAt: number;
  callbackType: InteractionResponseType | null;
  /** The message a component (or the modal it opened) was on; 6 and 7 update it. */
  source: APIMessage | null;
  /** The `@original` response message, once a reply or deferral created it. */
  original: APIMessage | null;
  followUps: APIMessage[];
  replies: InteractionReply[];
}

/** Reads the text inputs out of a modal's components (action rows or labels). */
export function modalInputs(components: unknown): ModalInput[] {
  if (!Array.isArray(components)) return [];
  const inputs: ModalInput[] = [];

  for (const top of components as Record<string, unknown>[]) {
    const children = Array.isArray(top.components) ? top.components : [top.component];
    for (const child of children as (Record<string, unknown> | undefined)[]) {
      if (child?.type !== 4 || typeof child.custom_id !== 'string') continue;
      inputs.push({
        customId: child.custom_id,
        label: typeof top.label === 'string' ? top.label : stringOrNull(child.label),
        style: typeof child.style === 'number' ? child.style : null,
        required: child.required !== false,
        value: stringOrNull(child.value),
      });
    }
  }
  return inputs;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
