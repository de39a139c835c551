import { registerEnumType } from '@nestjs/graphql';

/** What publishing a medically reviewed page (treatment, condition, FAQ) without a current review does. */
export enum MedicalReviewPolicy {
  OFF = 'OFF',
  WARN = 'WARN',
  REQUIRE = 'REQUIRE',
}

registerEnumType(MedicalReviewPolicy, {
  name: 'MedicalReviewPolicy',
  description: 'What publishing a treatment, condition or FAQ without a current medical review does.',
  valuesMap: {
    OFF: { description: 'Nothing: reviews are recorded but not checked.' },
    WARN: { description: 'The publish succeeds and the response carries a warning in `extensions.warnings` (the default).' },
    REQUIRE: { description: 'The publish is refused (BAD_USER_INPUT, reason MEDICAL_REVIEW_MISSING or MEDICAL_REVIEW_OVERDUE) naming what is missing.' },
  },
});

/** Where a page's medical review stands today. */
export enum MedicalReviewStatus {
  MISSING = 'MISSING',
  OVERDUE = 'OVERDUE',
  DUE_SOON = 'DUE_SOON',
  CURRENT = 'CURRENT',
}

registerEnumType(MedicalReviewStatus, {
  name: 'MedicalReviewStatus',
  description: "Where a page's medical review stands today (dates compared in UTC).",
  valuesMap: {
    MISSING: { description: 'Never reviewed (no review date).' },
    OVERDUE: { description: 'The next review was due before today.' },
    DUE_SOON: { description: 'The next review is due within the given number of days (today included).' },
    CURRENT: { description: 'Reviewed, and not due soon.' },
  },
});
