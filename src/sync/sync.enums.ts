import { registerEnumType } from '@nestjs/graphql';

/** How a batch relates to what the CMS already holds from the same source. */
export enum SyncMode {
  UPSERT = 'UPSERT',
  FULL = 'FULL',
}

registerEnumType(SyncMode, {
  name: 'SyncMode',
  description: 'How a provider sync treats providers of the source that are not in the batch.',
  valuesMap: {
    UPSERT: { description: 'Create and update the providers in the batch; leave every other provider as it is.' },
    FULL: {
      description:
        "The batch is the source's whole roster: also deactivate (never delete) providers of the source missing from it, within the source's safety limit.",
    },
  },
});

/** Where synced changes to a published provider land; a per-source setting. */
export enum SyncApplyMode {
  LIVE = 'LIVE',
  DRAFT = 'DRAFT',
}

registerEnumType(SyncApplyMode, {
  name: 'SyncApplyMode',
  description: "Where a source's synced changes go.",
  valuesMap: {
    LIVE: {
      description:
        'Facts of record: changes to published providers and locations go live at once (a pending editor draft gets them too), and new ones are created published. The default.',
    },
    DRAFT: {
      description: 'Changes go into the pending draft of published providers and locations, and new ones are created as drafts; an editor publishes them.',
    },
  },
});

/** What a sync did (or, in a dry run, would do) with one record. */
export enum SyncOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  FAILED = 'FAILED',
}

registerEnumType(SyncOutcome, {
  name: 'SyncOutcome',
  description: 'What a sync did with one record.',
  valuesMap: {
    CREATED: { description: 'No provider (or location) matched: a new one was created.' },
    UPDATED: { description: 'It matched one, and at least one source-owned field changed.' },
    UNCHANGED: { description: 'It matched one and nothing differed: nothing was written.' },
    FAILED: { description: 'The record was invalid or ambiguous (see `errors`); nothing was written for it.' },
  },
});

/** How a run ended. */
export enum SyncRunStatus {
  APPLIED = 'APPLIED',
  DRY_RUN = 'DRY_RUN',
  REJECTED = 'REJECTED',
}

registerEnumType(SyncRunStatus, {
  name: 'SyncRunStatus',
  description: "Whether a sync run's changes were written.",
  valuesMap: {
    APPLIED: { description: 'The changes of the valid records were written (failed records were skipped).' },
    DRY_RUN: { description: 'A dry run: the report shows what would happen; nothing was written.' },
    REJECTED: { description: 'An atomic run with at least one failed record: nothing was written.' },
  },
});

/** The format a batch arrived in. */
export enum SyncFormat {
  JSON = 'JSON',
  FHIR = 'FHIR',
  NPPES = 'NPPES',
}

registerEnumType(SyncFormat, {
  name: 'SyncFormat',
  description: 'The format a provider batch arrived in.',
  valuesMap: {
    JSON: { description: "The CMS's own record format (`syncProviders`)." },
    FHIR: { description: 'A FHIR R4 Bundle of Practitioner, PractitionerRole, Location and Organization resources (`syncProvidersFromFhir`).' },
    NPPES: { description: 'An NPI registry (NPPES API 2.1) response (`syncProvidersFromNppes`).' },
  },
});
