import type { TicketyPayloads } from '../tickety/schemas.js';
import type { EmbedDraft } from './draft.js';
import { field, name, person } from './format.js';
import { TITLES } from './theme.js';

type Verification = TicketyPayloads['verification.pass'];

// The two status words Tickety documents; any other word is shown as sent.
const STATUS_WORDS = new Map([
  ['VERIFIED', '✅ Verified'],
  ['FAILED', '❌ Failed'],
]);

/**
 * `verification.pass` and `verification.fail`: the member and the result. Tickety sends no time
 * and no failure reason, so there is nothing more to show.
 */
export function renderVerification(
  type: 'verification.pass' | 'verification.fail',
  payload: Verification,
): EmbedDraft {
  const result = STATUS_WORDS.get(payload.status) ?? name(payload.status);
  return {
    title: TITLES[type],
    fields: [
      field('Member', person(payload.userId)),
      field('Result', result),
      field('Verification ID', name(payload.verificationId)),
    ],
  };
}
