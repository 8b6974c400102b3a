import type { APIEmbed } from 'discord-api-types/v10';

import { FormErrors, errors } from './api-errors.js';
import { jsonObject } from './router.js';

/** Discord's message and embed limits. @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  nonce: 25,
} as const;

/** The message fields this local Discord understands, after validation. */
export interface MessageFields {
  content?: string | null;
  embeds?: APIEmbed[];
  components?: unknown[];
  flags?: number;
  allowed_mentions?: unknown;
  nonce?: string | number;
  enforce_nonce?: boolean;
}

/**
 * Validates a create or edit body the way Discord does, throwing 400 50035 with a nested
 * `errors` tree, or 50006 for an empty new message.
 */
export function readMessageBody(body: unknown, mode: 'create' | 'edit'): MessageFields {
  const raw = jsonObject(body);
  const problems = new FormErrors();
  const fields: MessageFields = {};

  if (typeof raw.content === 'string' || raw.content === null) fields.content = raw.content;
  if ((fields.content?.length ?? 0) > LIMITS.content) problems.tooLong(['content'], LIMITS.content);

  if (Array.isArray(raw.embeds)) {
    fields.embeds = raw.embeds as APIEmbed[];
    checkEmbeds(fields.embeds, problems);
  }
  if (Array.isArray(raw.components)) fields.components = raw.components as unknown[];
  if (typeof raw.flags === 'number') fields.flags = raw.flags;
  if (raw.allowed_mentions !== undefined) fields.allowed_mentions = raw.allowed_mentions;
  if (typeof raw.enforce_nonce === 'boolean') fields.enforce_nonce = raw.enforce_nonce;
  if (typeof raw.nonce === 'string' || typeof raw.nonce === 'number') fields.nonce = raw.nonce;
  if (typeof fields.nonce === 'string' && fields.nonce.length > LIMITS.nonce) {
    problems.tooLong(['nonce'], LIMITS.nonce);
  }
  problems.throwIfAny();

  const empty = !fields.content && !fields.embeds?.length && !fields.components?.length;
  if (mode === 'create' && empty) throw errors.emptyMessage();
  return fields;
}

function checkEmbeds(embeds: APIEmbed[], problems: FormErrors): void {
  if (embeds.length > LIMITS.embeds) problems.tooLong(['embeds'], LIMITS.embeds);

  let total = 0;
  for (const [index, embed] of embeds.entries()) {
    const at = (...path: (string | number)[]): (string | number)[] => ['embeds', index, ...path];
    const check = (value: string | undefined, max: number, path: (string | number)[]): void => {
      total += value?.length ?? 0;
      if ((value?.length ?? 0) > max) problems.tooLong(path, max);
    };

    check(embed.title, LIMITS.title, at('title'));
    check(embed.description, LIMITS.description, at('description'));
    if (embed.footer) {
      if (!embed.footer.text) problems.required(at('footer', 'text'));
      check(embed.footer.text, LIMITS.footerText, at('footer', 'text'));
    }
    if (embed.author) {
      if (!embed.author.name) problems.required(at('author', 'name'));
      check(embed.author.name, LIMITS.authorName, at('author', 'name'));
    }

    const embedFields = embed.fields ?? [];
    if (embedFields.length > LIMITS.fields) problems.tooLong(at('fields'), LIMITS.fields);
    for (const [fieldIndex, field] of embedFields.entries()) {
      if (!field.name) problems.required(at('fields', fieldIndex, 'name'));
      if (!field.value) problems.required(at('fields', fieldIndex, 'value'));
      check(field.name, LIMITS.fieldName, at('fields', fieldIndex, 'name'));
      check(field.value, LIMITS.fieldValue, at('fields', fieldIndex, 'value'));
    }
  }

  if (total > LIMITS.embedTotal) {
    problems.add(
      ['embeds'],
      'MAX_EMBED_SIZE_EXCEEDED',
      `Embed size exceeds maximum size of ${LIMITS.embedTotal}`,
    );
  }
}
