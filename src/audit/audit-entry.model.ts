import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CredentialKind } from '../auth/actor';
import { JSONScalar } from '../common/graphql/json.scalar';
import { ConnectionOf } from '../common/pagination/connection.model';

/** The kinds of credential an audit entry names (the values stored in `audit_log.actor_kind`). */
// `satisfies` makes a credential kind added to Actor without a value here fail to compile.
export const ActorKind = {
  USER: 'USER',
  API_KEY: 'API_KEY',
  PREVIEW_TOKEN: 'PREVIEW_TOKEN',
  SYSTEM: 'SYSTEM',
  ANONYMOUS: 'ANONYMOUS',
} as const satisfies Record<CredentialKind, CredentialKind>;
export type ActorKind = CredentialKind;

registerEnumType(ActorKind, {
  name: 'ActorKind',
  description: 'The kind of credential that made a change.',
  valuesMap: {
    USER: { description: 'A signed-in editor or admin.' },
    API_KEY: { description: "An integration's API key." },
    PREVIEW_TOKEN: { description: 'A preview token (issued by an editor).' },
    SYSTEM: { description: 'The app itself: the scheduler, the demo content loader, a command-line script.' },
    ANONYMOUS: { description: 'No credential: a failed sign-in or a refused refresh token, recorded as a security event.' },
  },
});

@ObjectType('AuditEntry', { description: 'One change as it happened: who made it, with which credential, what, and the state before and after.' })
export class AuditEntryModel {
  @Field(() => ID, { description: 'Identifier of the entry.' })
  id: string;

  @Field(() => GraphQLISODateTime, { description: 'When the change was made (the start of its transaction).' })
  createdAt: Date;

  @Field(() => ActorKind, { description: 'The kind of credential used.' })
  actorKind: ActorKind;

  @Field(() => ID, { nullable: true, description: 'The user or API key (for a preview token, the user who issued it); null for the system.' })
  actorId: string | null;

  @Field(() => String, { description: 'Who it was, as they were named then: an email, an API key\'s name, "scheduler".' })
  actorLabel: string;

  @Field(() => String, { description: 'The operation, named after its mutation ("updateTreatment", "publishCondition", "attachFaq", "login").' })
  action: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Type of what was changed: a document type (TREATMENT, CONDITION, FAQ, LOCATION, PROVIDER, PRACTICE, NOTICE), USER or API_KEY; null when nothing in particular.',
  })
  documentType: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of what was changed.' })
  documentId: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The state before the change (fields and relation ids, as stored), when there was one.' })
  before: Record<string, unknown> | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The state after the change, when there is one.' })
  after: Record<string, unknown> | null;

  @Field(() => String, {
    nullable: true,
    description: 'The request that made the change (the `X-Request-Id` header, sent back on every response); null for the scheduler.',
  })
  requestId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The client's IP address (behind a proxy, as TRUST_PROXY reads it); null for the scheduler and scripts.",
  })
  ipAddress: string | null;
}

export const { Connection: AuditEntryConnection } = ConnectionOf(AuditEntryModel, 'AuditEntry', 'audit entry');
