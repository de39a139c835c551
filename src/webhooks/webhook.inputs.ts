import { ArgsType, Field, GraphQLISODateTime, ID, InputType, OmitType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, NotContains, ValidateNested, IsNotIn } from 'class-validator';
import { ConnectionArgs } from '../content/documents/connection.args';
import { DocumentType } from '../content/documents/document-status';
import { WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEventType } from './webhook-event-types';
import './webhook.model';

/** Headers the app sets itself, or that would change how the request travels. */
export const RESERVED_HEADERS = [
  'host',
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'user-agent',
  'proxy-authorization',
  'proxy-connection',
];

@InputType({ description: 'An extra HTTP header sent with every delivery (e.g. a token the receiver checks).' })
export class WebhookHeaderInput {
  @Field(() => String, { description: "Header name (letters, digits and !#$%&'*+.^_`|~-); not one the app sets itself, nor X-Webhook-*." })
  @IsString()
  @Matches(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, { message: 'must be a header name of 1 to 100 token characters' })
  @Matches(/^(?!x-webhook-)/i, { message: 'must not start with X-Webhook- (the app sets those)' })
  @IsNotIn(RESERVED_HEADERS, { message: 'is set by the app and cannot be replaced' })
  name: string;

  @Field(() => String, { description: 'Header value (up to 2,000 characters, one line). Stored encrypted and never shown again.' })
  @IsString()
  @MaxLength(2000)
  @NotContains('\n', { message: 'must be one line' })
  @NotContains('\r', { message: 'must be one line' })
  @NotContains('\u0000', { message: 'must not contain NUL' })
  value: string;
}

@InputType({ description: 'A new webhook subscription.' })
export class CreateWebhookSubscriptionInput {
  @Field(() => String, { description: 'What the subscription is for ("Next.js revalidation"), 1 to 100 characters.' })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(100)
  name: string;

  @Field(() => String, {
    description:
      'Where to POST: an https:// URL (http:// only with WEBHOOK_ALLOW_HTTP=true) whose host resolves to public addresses only (unless WEBHOOK_ALLOW_PRIVATE_TARGETS=true).',
  })
  @IsString()
  @MaxLength(2000)
  url: string;

  @Field(() => [WebhookEventType], { nullable: true, description: 'Events to send; empty or omitted: every event type.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsEnum(WebhookEventType, { each: true })
  eventTypes?: WebhookEventType[] | null;

  @Field(() => [DocumentType], { nullable: true, description: 'Document types to send events of; empty or omitted: every type.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsEnum(DocumentType, { each: true })
  documentTypes?: DocumentType[] | null;

  @Field(() => [WebhookHeaderInput], { nullable: true, description: 'Extra headers sent with every delivery (at most 20).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => WebhookHeaderInput)
  headers?: WebhookHeaderInput[] | null;
}

@InputType({ description: 'Changes to a webhook subscription; omitted fields stay as they are.' })
export class UpdateWebhookSubscriptionInput extends PartialType(CreateWebhookSubscriptionInput, InputType) {
  @Field(() => ID, { description: 'The subscription.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;
}

@InputType({ description: 'A webhook subscription to act on.' })
export class WebhookSubscriptionIdInput {
  @Field(() => ID, { description: 'The subscription.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;
}

@InputType({ description: 'A webhook delivery to send again.' })
export class WebhookDeliveryIdInput {
  @Field(() => ID, { description: 'The delivery (from `webhookDeliveries`).' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;
}

@InputType({ description: 'Narrows the delivery log; all given criteria must hold.' })
export class WebhookDeliveryFilter {
  @Field(() => ID, { nullable: true, description: 'Only deliveries to this subscription.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  subscriptionId?: string | null;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this state.' })
  @IsOptional()
  @IsEnum(WebhookDeliveryStatus)
  status?: WebhookDeliveryStatus | null;

  @Field(() => String, { nullable: true, description: 'Only this event type, e.g. "document.published" or "webhook.ping".' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  eventType?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events of this document.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  documentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only deliveries of this event (its envelope `id`).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  eventId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Only deliveries created at or after this moment.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be a date-time' })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Only deliveries created before this moment.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be a date-time' })
  to?: Date | null;
}

// Deliveries have no drafts: the shared connection arguments without `stage`.
@ArgsType()
export class WebhookDeliveriesArgs extends OmitType(ConnectionArgs, ['stage'] as const, ArgsType) {
  @Field(() => WebhookDeliveryFilter, { nullable: true, description: 'Criteria the deliveries must meet.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WebhookDeliveryFilter)
  filter?: WebhookDeliveryFilter | null;
}
