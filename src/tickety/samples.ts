import type { EventType } from './event-types.js';
import type { TicketyEvent } from './event.js';
import { parseTicketyEvent } from './parse.js';

const DISCORD_EPOCH = 1_420_070_400_000n;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomInt(below: number): number {
  return Math.floor(Math.random() * below);
}

/** A snowflake minted at `ms`, so ids look like Discord's and sort by age as real ones do. */
function snowflakeAt(ms: number): string {
  const sinceEpoch = BigInt(Math.floor(ms)) - DISCORD_EPOCH;
  return ((sinceEpoch << 22n) | BigInt(randomInt(2 ** 22))).toString();
}

/** A user id from an account made some time in the last few years. */
function userId(now: number): string {
  return snowflakeAt(now - (30 + randomInt(1500)) * DAY);
}

/** Tickety's ids look like 19 mixed-case letters and digits (EVENTS.md §3). */
function ticketyId(): string {
  let id = '';
  for (let i = 0; i < 19; i += 1) id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return id;
}

function ticketBlock(now: number) {
  const openDate = now - (2 * DAY + 5 * HOUR + 17 * 60_000);
  const number = String(1000 + randomInt(9000));
  return {
    ticketId: ticketyId(),
    panelId: 'support',
    channel: { id: snowflakeAt(openDate), name: `ticket-${number}-quillfeather` },
    creatorId: userId(now),
    openDate: new Date(openDate).toISOString(),
  };
}

function applicationBlock(now: number) {
  return {
    applicationId: ticketyId(),
    panelId: 'staff-applications',
    submitterId: userId(now),
    submitDate: new Date(now - 3 * DAY - 2 * HOUR).toISOString(),
  };
}

function review(now: number, reason: string) {
  return { ...applicationBlock(now), reviewerId: userId(now), reviewDate: now, reason };
}

const BUILDERS: { [T in EventType]: (now: number) => Record<string, unknown> } = {
  'ticket.create': (now) => ticketBlock(now),
  'ticket.close': (now) => ({
    ...ticketBlock(now),
    closerId: userId(now),
    closeReason: 'Replacement shipped; tracking number sent by DM',
    closeDate: new Date(now).toISOString(),
    transcript: `https://tickety.top/transcripts/${ticketyId()}`,
  }),
  'ticket.rename': (now) => ({
    ...ticketBlock(now),
    oldName: 'ticket-quillfeather',
    newName: 'rma-quillfeather',
  }),
  'ticket.priority': (now) => ({ ...ticketBlock(now), oldPriority: 1, newPriority: 3 }),
  'ticket.move': (now) => ({
    ...ticketBlock(now),
    oldCategoryId: snowflakeAt(now - 400 * DAY),
    newCategoryId: snowflakeAt(now - 300 * DAY),
  }),
  'ticket.transfer': (now) => ({
    ...ticketBlock(now),
    panelId: 'billing',
    oldCategoryId: snowflakeAt(now - 400 * DAY),
    newCategoryId: snowflakeAt(now - 200 * DAY),
    oldPanelId: 'support',
    newPanelId: 'billing',
  }),
  'ticket.claim': (now) => ({ ...ticketBlock(now), claimedBy: userId(now) }),
  'ticket.unclaim': (now) => ({ ...ticketBlock(now), unclaimedBy: userId(now) }),
  'ticket.add': (now) => ({ ...ticketBlock(now), addedUser: userId(now) }),
  'ticket.remove': (now) => ({ ...ticketBlock(now), removedUser: userId(now) }),
  'application.submit': (now) => applicationBlock(now),
  'application.accept': (now) => review(now, 'Great answers and a long history of helping out'),
  'application.deny': (now) => review(now, 'Account too new; please reapply in 90 days'),
  'verification.pass': (now) => ({
    verificationId: ticketyId(),
    userId: userId(now),
    status: 'VERIFIED',
  }),
  'verification.fail': (now) => ({
    verificationId: ticketyId(),
    userId: userId(now),
    status: 'FAILED',
  }),
};

/**
 * A realistic, made-up event of the given type for `/tickety test`, with fresh ids and dates on
 * every call. It goes through the same parser as a real request, so a test shows exactly what a
 * real event of that type would look like.
 */
export function sampleEvent(type: EventType): TicketyEvent {
  const parsed = parseTicketyEvent({ type, payload: BUILDERS[type](Date.now()) });
  if (!parsed.success)
    throw new Error(`The ${type} sample does not fit its schema: ${parsed.reason}`);
  return parsed.event;
}
