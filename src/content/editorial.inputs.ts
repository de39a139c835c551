import { Type as ClassType } from '@nestjs/common';
import { Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { DocumentType } from './documents/document-status';
import { ImageInput, imageRefOf } from '../common/images/image.model';
import { IsHttpUrl, IsSlug } from '../common/validation/validators';
import { DocumentRef, RefAtPath } from './document-refs';

@InputType({ description: 'Points at a document by id or by slug (exactly one).' })
export class DocumentRefInput implements DocumentRef {
  @Field(() => ID, { nullable: true, description: 'The document id.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  id?: string | null;

  @Field(() => String, { nullable: true, description: "The document's current slug." })
  @IsOptional()
  @IsSlug()
  slug?: string | null;
}

@InputType({ description: 'Search-engine settings; omitted fields keep their value.' })
export class SeoInput {
  @Field(() => String, { nullable: true, description: 'Title for the <title> tag (up to 120 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  metaTitle?: string | null;

  @Field(() => String, { nullable: true, description: 'Meta description (up to 320 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  metaDescription?: string | null;

  @Field(() => String, { nullable: true, description: 'Canonical URL (http or https).' })
  @IsOptional()
  @IsHttpUrl()
  canonicalUrl?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Ask search engines not to index the page.' })
  @IsOptional()
  @IsBoolean()
  noindex?: boolean | null;

  @Field(() => ImageInput, { nullable: true, description: 'Image shown when the page is shared (og:image), from the media library; null removes it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImageInput)
  ogImage?: ImageInput | null;
}

@InputType({ description: 'A document and the version the editor last read.' })
export class DocumentVersionInput {
  @Field(() => ID, { description: 'The document id.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;

  @Field(() => Int, { description: 'The version the editor last read; a newer one means someone else changed it (CONFLICT).' })
  @IsInt()
  @Min(1)
  version: number;
}

@InputType({ description: 'A document to act on.' })
export class DocumentIdInput {
  @Field(() => ID, { description: 'The document id.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;
}

@InputType({ description: 'A document to move to the trash.' })
export class TrashDocumentInput {
  @Field(() => ID, { description: 'The document id.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'Also remove every link other documents (and their pending drafts) have to it. Without it, links from published documents make the trash refuse (CONFLICT naming them).',
  })
  @IsBoolean()
  detach: boolean = false;
}

@InputType({ description: 'When to publish or unpublish a document.' })
export class ScheduleInput {
  @Field(() => ID, { description: 'The document id.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;

  @Field(() => GraphQLISODateTime, { description: 'The moment to act (ISO 8601 with a time zone); runs within a minute of it.' })
  @Type(() => Date)
  @IsDate({ message: 'must be a date-time' })
  at: Date;
}

@InputType({ description: "A past revision to copy into the document's draft." })
export class RestoreRevisionInput extends DocumentVersionInput {
  @Field(() => ID, { description: 'The revision to restore (from `revisions`).' })
  @IsUUID('all', { message: 'must be a UUID' })
  revisionId: string;
}

@InputType({ description: 'A page that FAQs are placed on: a treatment, condition, location or provider (by id or slug), or the practice.' })
export class FaqPageRefInput extends DocumentRefInput {
  @Field(() => DocumentType, { description: 'Kind of page: TREATMENT, CONDITION, LOCATION, PROVIDER or PRACTICE.' })
  @IsEnum(DocumentType)
  @IsIn([DocumentType.TREATMENT, DocumentType.CONDITION, DocumentType.LOCATION, DocumentType.PROVIDER, DocumentType.PRACTICE], {
    message: 'must be TREATMENT, CONDITION, LOCATION, PROVIDER or PRACTICE',
  })
  type: DocumentType;
}

/** A page being edited and the version the editor last read. */
@InputType({ isAbstract: true })
abstract class PageEditInput {
  @Field(() => FaqPageRefInput, { description: 'The page.' })
  @ValidateNested()
  @Type(() => FaqPageRefInput)
  page: FaqPageRefInput;

  @Field(() => Int, { description: 'The version of the page the editor last read.' })
  @IsInt()
  @Min(1)
  version: number;
}

/** One FAQ on a page being edited. */
@InputType({ isAbstract: true })
abstract class FaqOnPageInput extends PageEditInput {
  @Field(() => DocumentRefInput, { description: 'The FAQ.' })
  @ValidateNested()
  @Type(() => DocumentRefInput)
  faq: DocumentRefInput;
}

@InputType({ description: 'Take a FAQ off a page (in its draft). The FAQ itself stays.' })
export class DetachFaqInput extends FaqOnPageInput {}

@InputType({ description: 'Put a FAQ on a page (in its draft), at a position.' })
export class AttachFaqInput extends FaqOnPageInput {
  @Field(() => Int, { nullable: true, description: "Zero-based position among the page's FAQs; at the end when omitted." })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number | null;
}

@InputType({ description: 'Set the FAQs of a page, in order (in its draft).' })
export class ReorderFaqsInput extends PageEditInput {
  @Field(() => [DocumentRefInput], { description: 'The FAQs in their new order.' })
  @ValidateNested({ each: true })
  @Type(() => DocumentRefInput)
  faqs: DocumentRefInput[];
}

/** Input fields copied as they are, when given (undefined leaves the current value). */
export function pickFields(input: object, names: string[]): Record<string, unknown> {
  const record = input as Record<string, unknown>;
  return Object.fromEntries(names.filter((name) => record[name] !== undefined).map((name) => [name, record[name]]));
}

export function seoFields(seo: SeoInput | null | undefined): Record<string, unknown> {
  if (!seo) return {};
  const fields = pickFields(seo, ['metaTitle', 'metaDescription', 'canonicalUrl']);
  if (seo.noindex !== undefined && seo.noindex !== null) fields.noindex = seo.noindex;
  if (seo.ogImage !== undefined) fields.ogImage = imageRefOf(seo.ogImage);
  return fields;
}

export function refsAt(refs: DocumentRefInput[] | null | undefined, path: string): RefAtPath[] | undefined {
  return refs ? refs.map((ref, index) => ({ ref, path: `${path}[${index}]` })) : undefined;
}

/** Fields every document's create and update inputs share: slug and SEO. */
@InputType({ isAbstract: true })
export abstract class DocumentFieldsInput {
  @Field(() => String, { nullable: true, description: 'URL slug (lowercase words and hyphens); made from the title or name when omitted on create.' })
  @IsOptional()
  @IsSlug()
  slug?: string | null;

  @Field(() => SeoInput, { nullable: true, description: 'Search-engine settings.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SeoInput)
  seo?: SeoInput | null;
}

/** A page's fields: a document that also carries its own ordered FAQs. */
@InputType({ isAbstract: true })
export abstract class PageFieldsInput extends DocumentFieldsInput {
  @Field(() => [DocumentRefInput], { nullable: true, description: 'FAQs of the page, in order (replaces the list).' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => DocumentRefInput)
  faqs?: DocumentRefInput[] | null;
}

/** An update input: the document, the version the editor read, and the (optional) changes. */
export function WithDocumentVersion<TBase extends ClassType<object>>(Base: TBase) {
  @InputType({ isAbstract: true })
  class VersionedChanges extends Base {
    @Field(() => ID, { description: 'The document to change.' })
    @IsUUID('all', { message: 'must be a UUID' })
    id: string;

    @Field(() => Int, { description: 'The version you read; a newer one means someone else changed it (CONFLICT).' })
    @IsInt()
    @Min(1)
    version: number;
  }
  return VersionedChanges;
}
