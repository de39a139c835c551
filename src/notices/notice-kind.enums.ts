import { registerEnumType } from '@nestjs/graphql';

/** What a notice is for; all but OTHER are notices a US practice is required to post. */
export enum NoticeKind {
  NONDISCRIMINATION = 'NONDISCRIMINATION',
  LANGUAGE_ASSISTANCE = 'LANGUAGE_ASSISTANCE',
  NO_SURPRISES_ACT = 'NO_SURPRISES_ACT',
  GOOD_FAITH_ESTIMATE = 'GOOD_FAITH_ESTIMATE',
  PRIVACY_PRACTICES = 'PRIVACY_PRACTICES',
  OTHER = 'OTHER',
}

/** The kinds a practice site must publish (in this order in compliance reports). */
export const REQUIRED_NOTICE_KINDS: readonly NoticeKind[] = [
  NoticeKind.NONDISCRIMINATION,
  NoticeKind.LANGUAGE_ASSISTANCE,
  NoticeKind.NO_SURPRISES_ACT,
  NoticeKind.GOOD_FAITH_ESTIMATE,
  NoticeKind.PRIVACY_PRACTICES,
];

registerEnumType(NoticeKind, {
  name: 'NoticeKind',
  description: 'What a notice is for. All kinds but OTHER are required on a US practice website.',
  valuesMap: {
    NONDISCRIMINATION: { description: 'Section 1557 (ACA) nondiscrimination notice.' },
    LANGUAGE_ASSISTANCE: { description: 'Section 1557 language-assistance taglines: free language help, in the languages the notice lists.' },
    NO_SURPRISES_ACT: { description: 'No Surprises Act notice: patient protections against surprise medical bills.' },
    GOOD_FAITH_ESTIMATE: { description: 'Good Faith Estimate information for uninsured and self-pay patients (No Surprises Act).' },
    PRIVACY_PRACTICES: { description: 'HIPAA Notice of Privacy Practices.' },
    OTHER: { description: 'Any other notice the practice posts (not required, never reported missing).' },
  },
});
