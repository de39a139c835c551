import { ArgsType, Field, GraphQLISODateTime, ID, InputType, OmitType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../content/documents/connection.args';
import { ActorKind } from './audit-entry.model';

@InputType({ description: 'Narrows the audit log; all given criteria must hold.' })
export class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only changes made by this user or API key.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  actorId?: string | null;

  @Field(() => ActorKind, { nullable: true, description: 'Only changes made with this kind of credential.' })
  @IsOptional()
  @IsEnum(ActorKind)
  actorKind?: ActorKind | null;

  @Field(() => String, { nullable: true, description: 'Only this operation, e.g. "publishTreatment" (exact match).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only changes to this type of thing: TREATMENT, CONDITION, FAQ, LOCATION, PROVIDER, PRACTICE, NOTICE, USER or API_KEY.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  documentType?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only changes to this document (or user, or API key).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  documentId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Only changes made at or after this moment.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be a date-time' })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Only changes made before this moment.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be a date-time' })
  to?: Date | null;
}

// The audit log has no drafts: the shared connection arguments without `stage`.
@ArgsType()
export class AuditLogArgs extends OmitType(ConnectionArgs, ['stage'] as const, ArgsType) {
  @Field(() => AuditLogFilter, { nullable: true, description: 'Criteria the entries must meet.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter | null;
}
