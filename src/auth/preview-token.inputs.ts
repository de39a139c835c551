import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { DocumentType } from '../content/documents/document-status';

/** A frontend previews a page or a few; a longer list is a sign the token should name the type. */
export const PREVIEW_TOKEN_MAX_DOCUMENTS = 50;
export const PREVIEW_TOKEN_DEFAULT_MINUTES = 60;

@InputType({ description: 'What a preview token may read, and for how long.' })
export class CreatePreviewTokenInput {
  @Field(() => DocumentType, { description: 'The type of the documents it may read at stage DRAFT.' })
  @IsEnum(DocumentType, { message: 'must be a document type' })
  documentType: DocumentType;

  @Field(() => [ID], {
    nullable: true,
    description: `The documents of that type it may read (1 to ${PREVIEW_TOKEN_MAX_DOCUMENTS}). Omit to let it read every draft of the type, lists included.`,
  })
  @IsOptional()
  @ArrayMinSize(1, { message: 'must name at least one document, or be omitted for the whole type' })
  @ArrayMaxSize(PREVIEW_TOKEN_MAX_DOCUMENTS, { message: `must name at most ${PREVIEW_TOKEN_MAX_DOCUMENTS} documents` })
  @IsUUID('all', { each: true, message: 'must be document ids (UUIDs)' })
  documentIds?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    description: `Lifetime in minutes (default ${PREVIEW_TOKEN_DEFAULT_MINUTES}, at most PREVIEW_TOKEN_MAX_MINUTES, 1440 unless configured).`,
  })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(1, { message: 'must be at least 1 minute' })
  expiresInMinutes?: number | null;
}

@InputType({ description: 'The preview token to revoke.' })
export class RevokePreviewTokenInput {
  @Field(() => ID, { description: 'The preview token id (`PreviewToken.id`).' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;
}

@ArgsType()
export class PreviewTokensArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Include tokens that have expired (kept 30 days).' })
  @IsBoolean()
  includeExpired = false;
}
