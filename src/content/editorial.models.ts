import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DocumentStatus, DocumentType } from './documents/document-status';
import { JSONScalar } from '../common/graphql/json.scalar';
import { ConnectionOf } from '../common/pagination/connection.model';
import { RevisionKind } from './revisions/revision.entity';
import { ScheduledActionKind, ScheduledActionStatus } from './scheduled-action.entity';

registerEnumType(ScheduledActionKind, {
  name: 'ScheduledActionKind',
  description: 'What a scheduled action does.',
  valuesMap: { PUBLISH: { description: "Publish the document's draft." }, UNPUBLISH: { description: 'Take the document off the public site.' } },
});

registerEnumType(ScheduledActionStatus, {
  name: 'ScheduledActionStatus',
  description: 'Where a scheduled action stands.',
  valuesMap: {
    PENDING: { description: 'Waiting for its time.' },
    DONE: { description: 'Ran.' },
    FAILED: { description: 'Ran and failed; see `lastError`.' },
    CANCELLED: { description: 'Cancelled before it ran.' },
  },
});

registerEnumType(RevisionKind, {
  name: 'RevisionKind',
  description: 'Kind of revision.',
  valuesMap: { DRAFT: { description: 'The pending draft of a published document.' }, PUBLISHED: { description: 'A version that was published.' } },
});

@ObjectType('ScheduledAction', { description: 'A publish or unpublish planned for a later time.' })
export class ScheduledActionModel {
  @Field(() => ID, { description: 'Identifier; pass it to `cancelScheduledAction`.' })
  id: string;

  @Field(() => DocumentType, { description: 'Type of the document.' })
  documentType: string;

  @Field(() => ID, { description: 'The document.' })
  documentId: string;

  @Field(() => ScheduledActionKind, { description: 'Publish or unpublish.' })
  action: ScheduledActionKind;

  @Field(() => GraphQLISODateTime, { description: 'When it runs.' })
  runAt: Date;

  @Field(() => ScheduledActionStatus, { description: 'Whether it is waiting, ran, failed or was cancelled.' })
  status: ScheduledActionStatus;

  @Field(() => String, { description: 'Who scheduled it.' })
  createdByLabel: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it ran.' })
  executedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it failed, when it did.' })
  lastError: string | null;
}

@ObjectType('PurgeResult', { description: 'A document deleted for good.' })
export class PurgeResult {
  @Field(() => ID, { description: 'The id the document had.' })
  id: string;

  @Field(() => DocumentType, { description: 'Its type.' })
  type: DocumentType;
}

@ObjectType('DocumentReference', { description: 'Another document, named for an editor.' })
export class DocumentReferenceModel {
  @Field(() => DocumentType, { description: 'Its type.' })
  type: string;

  @Field(() => ID, { description: 'Its id.' })
  id: string;

  @Field(() => String, { description: 'What to call it ("Condition \\"Back Pain\\"").' })
  label: string;

  @Field(() => DocumentStatus, { nullable: true, description: 'Its status, where it matters.' })
  status?: DocumentStatus | null;
}

@ObjectType('Revision', { description: 'A snapshot of a document: its pending draft or a version that was published.' })
export class RevisionModel {
  @Field(() => ID, { description: 'Identifier; pass it to `restore<Type>Revision`.' })
  id: string;

  @Field(() => DocumentType, { description: 'Type of the document.' })
  documentType: string;

  @Field(() => ID, { description: 'The document.' })
  documentId: string;

  @Field(() => RevisionKind, { description: 'Draft or published version.' })
  kind: RevisionKind;

  @Field(() => Int, { description: 'The document version it holds.' })
  version: number;

  @Field(() => GraphQLISODateTime, { description: 'When it was saved (published, for published versions).' })
  createdAt: Date;

  @Field(() => ID, { nullable: true, description: 'The user who saved it (null for integrations and the scheduler).' })
  createdBy: string | null;

  @Field(() => JSONScalar, { description: 'The fields and relation ids, as stored.' })
  snapshot: Record<string, unknown>;
}

export const { Connection: RevisionConnection } = ConnectionOf(RevisionModel, 'Revision', 'revision');

@ObjectType('EditorialInfo', { description: 'Workflow state of a document, for editors (needs content:read-draft).' })
export class EditorialInfo {
  @Field(() => Boolean, { description: 'Whether a published document has unpublished edits.' })
  hasPendingDraft: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was moved to the trash.' })
  trashedAt: Date | null;

  @Field(() => [DocumentReferenceModel], { description: 'Related documents in its current state that are not live, so the public does not see the link yet.' })
  unpublishedDependencies: DocumentReferenceModel[];

  @Field(() => [ScheduledActionModel], { description: 'Publishes and unpublishes waiting for their time.' })
  scheduledActions: ScheduledActionModel[];
}
