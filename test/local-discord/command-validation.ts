import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommand,
} from 'discord-api-types/v10';

import { FormErrors } from './api-errors.js';
import type { DiscordState } from './state.js';

type Path = (string | number)[];
type Json = Record<string, unknown>;

// Discord's rule for chat-input names: 1-32 lowercase letters, digits, '-' or '_'.
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/**
 * Validates a bulk-overwrite body like Discord (names, descriptions, option order, duplicates)
 * and turns it into stored commands, keeping the ids of commands that already existed.
 * @see https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 */
export function toStoredCommands(
  state: DiscordState,
  body: unknown,
  existing: readonly APIApplicationCommand[],
  guildId?: string,
): APIApplicationCommand[] {
  const problems = new FormErrors();
  if (!Array.isArray(body)) {
    problems.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    problems.throwIfAny();
    return [];
  }
  if (body.length > 100) problems.tooLong([], 100);

  const seen = new Set<string>();
  const commands = (body as Json[]).map((raw, index): APIApplicationCommand => {
    const type = (
      typeof raw.type === 'number' ? raw.type : ApplicationCommandType.ChatInput
    ) as ApplicationCommandType;
    const name = typeof raw.name === 'string' ? raw.name : '';
    checkNamed(raw, type === ApplicationCommandType.ChatInput, [index], problems);
    if (seen.has(`${type}:${name}`)) {
      problems.add(
        [index, 'name'],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      );
    }
    seen.add(`${type}:${name}`);
    checkOptions(raw.options, [index, 'options'], problems);

    const previous = existing.find((command) => command.name === name && command.type === type);
    return {
      ...raw,
      id: previous?.id ?? state.nextId(),
      application_id: state.applicationId,
      version: state.nextId(),
      type,
      name,
      description: typeof raw.description === 'string' ? raw.description : '',
      default_member_permissions:
        typeof raw.default_member_permissions === 'string' ? raw.default_member_permissions : null,
      nsfw: raw.nsfw === true,
      ...(guildId ? { guild_id: guildId } : {}),
    };
  });

  problems.throwIfAny();
  return commands;
}

function checkNamed(raw: Json, chatInput: boolean, path: Path, problems: FormErrors): void {
  const name = raw.name;
  if (typeof name !== 'string' || name.length === 0) problems.required([...path, 'name']);
  else if (name.length > 32) problems.tooLong([...path, 'name'], 32);
  else if (chatInput && (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase())) {
    problems.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid`);
  }
  if (!chatInput) return;

  const description = raw.description;
  if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
    problems.add(
      [...path, 'description'],
      'BASE_TYPE_BAD_LENGTH',
      'Must be between 1 and 100 in length.',
    );
  }
}

function checkOptions(options: unknown, path: Path, problems: FormErrors): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    problems.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (options.length > 25) problems.tooLong(path, 25);

  const names = new Set<string>();
  let sawOptional = false;
  for (const [index, option] of (options as Json[]).entries()) {
    checkNamed(option, true, [...path, index], problems);
    const name = String(option.name);
    if (names.has(name)) {
      problems.add(
        [...path, index, 'name'],
        'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
        `Option name ${name} is already used in these options`,
      );
    }
    names.add(name);

    if (option.required === true && sawOptional) {
      problems.add(
        [...path, index, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    if (option.required !== true) sawOptional = true;

    if (Array.isArray(option.choices) && option.choices.length > 25) {
      problems.tooLong([...path, index, 'choices'], 25);
    }
    const nests =
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup;
    if (nests) checkOptions(option.options, [...path, index, 'options'], problems);
  }
}
