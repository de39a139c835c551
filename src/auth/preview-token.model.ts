import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { DocumentType } from '../content/documents/document-status';
import { CredentialKind } from './actor';

@ObjectType('PreviewToken', {
  description: 'A token that lets a frontend read the drafts it names (stage: DRAFT) and nothing else. The token itself is shown only when created.',
})
export class PreviewTokenModel {
  @Field(() => ID, { description: 'Stable identifier (UUID), to revoke it.' })
  id: string;

  @Field(() => DocumentType, { description: 'The type of the documents it may read.' })
  documentType: DocumentType;

  @Field(() => [ID], { nullable: true, description: 'The documents it may read; null when it may read every document of the type, lists included.' })
  documentIds: string[] | null;

  @Field(() => String, { description: 'What created it: USER or API_KEY.' })
  createdByKind: Extract<CredentialKind, 'USER' | 'API_KEY'>;

  @Field(() => ID, { description: 'The user or API key that created it.' })
  createdById: string;

  @Field(() => String, { description: 'The creator as named when the token was made (an email, a key name).' })
  createdByLabel: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was created.' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { description: 'When it stops working.' })
  expiresAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was revoked; a revoked token is refused.' })
  revokedAt: Date | null;
}

@ObjectType('CreatedPreviewToken', { description: 'A new preview token, with the token to send: it cannot be shown again.' })
export class CreatedPreviewTokenModel {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>`. Shown only this once.' })
  token: string;

  @Field(() => GraphQLISODateTime, { description: 'When the token expires.' })
  expiresAt: Date;

  @Field(() => PreviewTokenModel, { description: 'The token as listed from now on.' })
  previewToken: PreviewTokenModel;
}
