import {
  DiscordAPIError,
  HTTPError,
  RESTJSONErrorCodes,
  channelMention,
  roleMention,
} from 'discord.js';
import type { Delivery } from '../db/deliveries.js';
import { errorMessage } from '../error-message.js';

/** What went wrong with one attempt, in words an admin can act on. */
export interface Failure {
  /** Permanent failures are not retried: only a change in Discord (or `/tickety replay`) helps. */
  permanent: boolean;
  /** For a transient failure, only what happened; {@link failureReason} adds what comes next. */
  reason: string;
}

/**
 * Sorts an error from Discord into "try again later" (5xx, timeouts, dropped connections) and
 * "will never work as things stand" (missing access, a deleted channel or role, a member who
 * left), and says which one in a sentence that names what to fix.
 */
export function describeFailure(error: unknown, delivery: Delivery): Failure {
  if (error instanceof DiscordAPIError) {
    if (error.status >= 500) return transient(`Discord answered ${error.status}`);
    return { permanent: true, reason: explainApiError(error, delivery) };
  }
  if (error instanceof HTTPError) return transient(`Discord answered ${error.status}`);
  if (error instanceof Error && error.name === 'AbortError') {
    return transient('Discord did not answer in time');
  }
  return transient(`Could not reach Discord (${errorMessage(error)})`);
}

/**
 * The reason stored with a failed attempt. A transient failure says whether it will be retried:
 * once the retries are spent nothing happens by itself any more, and `/tickety status` must not
 * promise otherwise.
 */
export function failureReason(failure: Failure, attempts: number, willRetry: boolean): string {
  if (failure.permanent) return failure.reason;
  if (willRetry) return `${failure.reason}; will retry.`;
  const advice = 'run `/tickety replay` once Discord works again.';
  return `Gave up after ${attempts} attempts (the last: ${failure.reason}): ${advice}`;
}

function transient(reason: string): Failure {
  return { permanent: false, reason };
}

function explainApiError(error: DiscordAPIError, delivery: Delivery): string {
  const target =
    delivery.kind === 'message'
      ? channelMention(delivery.channelId)
      : `the role ${roleMention(delivery.roleId)}`;

  switch (error.code) {
    case RESTJSONErrorCodes.UnknownChannel:
      return `The channel ${target} no longer exists: remove the rule or route it to another channel.`;
    case RESTJSONErrorCodes.MissingAccess:
      return delivery.kind === 'message'
        ? `I can't see ${target}: give me View Channel there.`
        : `I can't reach this server's members: check that I am still in the server.`;
    case RESTJSONErrorCodes.MissingPermissions:
      return delivery.kind === 'message'
        ? `I can't post in ${target}: give me Send Messages and Embed Links there.`
        : `I can't manage ${target}: give me Manage Roles and move my highest role above it.`;
    case RESTJSONErrorCodes.UnknownRole:
      return `${capitalise(target)} no longer exists: remove the action and create it again with a current role.`;
    case RESTJSONErrorCodes.UnknownMember:
      return `The member <@${delivery.kind === 'role' ? delivery.userId : '?'}> is not in the server any more.`;
    case RESTJSONErrorCodes.UnknownGuild:
      return 'I am no longer in this server.';
    default:
      return `Discord refused the request (${error.status}, code ${error.code}): ${error.message}`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
