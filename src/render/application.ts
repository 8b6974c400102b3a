import type { TicketyPayloads } from '../tickety/schemas.js';
import type { EmbedDraft } from './draft.js';
import { field, moment, name, person, reason } from './format.js';
import { TITLES } from './theme.js';

type Application = TicketyPayloads['application.submit'];
type Review = TicketyPayloads['application.accept'];

function applicationFields(payload: Application) {
  return [
    field('Panel', name(payload.panelId)),
    field('Application ID', name(payload.applicationId)),
    field('Submitted', moment(payload.submitDate)),
  ];
}

/** `application.submit`: who applied, on which panel, and when. */
export function renderApplicationSubmit(payload: Application): EmbedDraft {
  return {
    title: TITLES['application.submit'],
    fields: [field('Applicant', person(payload.submitterId)), ...applicationFields(payload)],
    timestamp: payload.submitDate,
  };
}

/**
 * `application.accept` and `application.deny`: the applicant, the reviewer and their reason
 * first, since that is the decision; the review time is the event time.
 */
export function renderApplicationReview(
  type: 'application.accept' | 'application.deny',
  payload: Review,
): EmbedDraft {
  return {
    title: TITLES[type],
    fields: [
      field('Applicant', person(payload.submitterId)),
      field('Reviewed by', person(payload.reviewerId)),
      field('Reason', reason(payload.reason), false),
      ...applicationFields(payload),
      field('Reviewed', moment(payload.reviewDate)),
    ],
    timestamp: payload.reviewDate,
  };
}
