import type { APIEmbed, APIMessage } from 'discord.js';

/** Names for the ids that appear in mentions, so a printed message reads like Discord shows it. */
export interface NameBook {
  channels: ReadonlyMap<string, string>;
  roles: ReadonlyMap<string, string>;
  users: ReadonlyMap<string, string>;
}

const ZERO_WIDTH = /\u200B|\u200C|\u200D|\u2060|\uFEFF/g;

/**
 * Replaces Discord markup with what a reader sees: `<#id>` → `#name`, `<@id>` → `@name`,
 * `<@&id>` → `@role`, `<t:unix:style>` → a UTC time. Unknown ids show as `@user:1234…`.
 */
export function readable(text: string, names: NameBook): string {
  return text
    .replace(/<#(\d+)>/g, (_, id: string) => `#${names.channels.get(id) ?? `channel:${id}`}`)
    .replace(/<@&(\d+)>/g, (_, id: string) => `@${names.roles.get(id) ?? `role:${id}`}`)
    .replace(/<@!?(\d+)>/g, (_, id: string) => `@${names.users.get(id) ?? `user:${id}`}`)
    .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_, seconds: string, style?: string) =>
      style === 'R'
        ? relativeTime(Number(seconds))
        : new Date(Number(seconds) * 1000).toISOString().replace('.000Z', ' UTC'),
    )
    .replace(/\\([\\*_~`|>#[\]()-])/g, '$1')
    .replace(ZERO_WIDTH, '');
}

/** A message as indented lines: the ping, then each embed's title, text, fields and footer. */
export function describeMessage(message: APIMessage, names: NameBook): string[] {
  const lines: string[] = [];
  if (message.content) lines.push(`  content: ${readable(message.content, names)}`);
  for (const embed of message.embeds) lines.push(...describeEmbed(embed, names));
  return lines;
}

function describeEmbed(embed: APIEmbed, names: NameBook): string[] {
  const colour =
    embed.color === undefined ? '' : ` (#${embed.color.toString(16).padStart(6, '0')})`;
  const lines = [`  ┌ ${readable(embed.title ?? '(no title)', names)}${colour}`];
  if (embed.description) lines.push(...indent(readable(embed.description, names)));
  for (const field of embed.fields ?? []) {
    lines.push(
      `  │ ${readable(field.name, names)}: ${readable(field.value, names).replace(/\n/g, '\n  │   ')}`,
    );
  }
  if (embed.footer) lines.push(`  └ ${readable(embed.footer.text, names)}`);
  return lines;
}

function indent(text: string): string[] {
  return text.split('\n').map((line) => `  │ ${line}`);
}

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** What Discord's `<t:…:R>` shows: "2 years ago", "in 3 days". */
function relativeTime(seconds: number): string {
  const delta = seconds - Date.now() / 1000;
  const [unit, size] = UNITS.find(([, length]) => Math.abs(delta) >= length) ?? ['second', 1];
  return RELATIVE.format(Math.round(delta / size), unit);
}
