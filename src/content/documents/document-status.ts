import { registerEnumType } from '@nestjs/graphql';

export enum DocumentStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}

registerEnumType(DocumentStatus, {
  name: 'DocumentStatus',
  description: 'Whether a document is live on the public API.',
  valuesMap: {
    DRAFT: { description: 'Never published, or unpublished: visible only to editors and previews.' },
    PUBLISHED: { description: 'Live: the public API serves this version. Edits made since wait in a pending draft.' },
  },
});

/** Which version of the content a read wants. */
export enum Stage {
  PUBLISHED = 'PUBLISHED',
  DRAFT = 'DRAFT',
}

registerEnumType(Stage, {
  name: 'Stage',
  description: 'Which version of the content a query reads.',
  valuesMap: {
    PUBLISHED: { description: 'The live content, as the public site shows it (default).' },
    DRAFT: { description: 'The latest edits, including unpublished drafts. Needs an editor credential or a preview token.' },
  },
});

/** The content types, as named in slug history, revisions, FAQ placements and the audit log. */
export enum DocumentType {
  TREATMENT = 'TREATMENT',
  CONDITION = 'CONDITION',
  FAQ = 'FAQ',
  LOCATION = 'LOCATION',
  PROVIDER = 'PROVIDER',
  PRACTICE = 'PRACTICE',
  NOTICE = 'NOTICE',
}

registerEnumType(DocumentType, {
  name: 'DocumentType',
  description: 'The kinds of content document.',
  valuesMap: {
    TREATMENT: { description: 'A treatment or procedure the practice offers.' },
    CONDITION: { description: 'A condition the practice treats.' },
    FAQ: { description: 'A question and its answer.' },
    LOCATION: { description: 'An office of the practice.' },
    PROVIDER: { description: 'A clinician of the practice.' },
    PRACTICE: { description: 'The practice as a whole (a single document).' },
    NOTICE: { description: 'A notice the practice posts (nondiscrimination, privacy practices, No Surprises Act…).' },
  },
});
