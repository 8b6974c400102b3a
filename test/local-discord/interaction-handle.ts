import { InteractionResponseType } from 'discord-api-types/v10';

import type { InteractionRecord, InteractionReply } from './interaction-records.js';
import type { Signal } from './signal.js';

/** A sent interaction; waits are bounded (default 5 s) and reject with a clear message. */
export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** Every response so far: the callback, edits, follow-ups, deletions. */
  readonly replies: readonly InteractionReply[];
  /** The first callback (reply, deferral, update or modal). */
  response(timeoutMs?: number): Promise<InteractionReply>;
  /** The first visible answer: the callback itself, or after a deferral the edit that ends it. */
  final(timeoutMs?: number): Promise<InteractionReply>;
}

const DEFERRALS = new Set<number>([
  InteractionResponseType.DeferredChannelMessageWithSource,
  InteractionResponseType.DeferredMessageUpdate,
]);

/** A handle on a recorded interaction whose waits wake on every state change. */
export function interactionHandle(
  record: InteractionRecord,
  changed: Signal,
  label: string,
): InteractionHandle {
  const soFar = (): string => record.replies.map((reply) => reply.kind).join(', ') || 'nothing';

  return {
    id: record.id,
    token: record.token,
    get replies() {
      return record.replies;
    },
    response: (timeoutMs = 5000) =>
      changed.waitFor(
        () => record.replies[0],
        timeoutMs,
        () => `the first response to ${label}`,
      ),
    final: (timeoutMs = 5000) =>
      changed.waitFor(
        () => {
          const [first, ...rest] = record.replies;
          return first && DEFERRALS.has(first.type) ? rest[0] : first;
        },
        timeoutMs,
        () => `the final reply to ${label} (so far: ${soFar()})`,
      ),
  };
}
