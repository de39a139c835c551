import { ApiKey } from '../api-keys/api-key.entity';
import { LoginAttempt } from '../auth/login-attempt.entity';
import { PreviewToken } from '../auth/preview-token.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { OutboxEvent } from '../content/outbox-event.entity';
import { ScheduledAction } from '../content/scheduled-action.entity';
import { SlugHistoryEntry } from '../content/slugs/slug-history.entity';
import { Condition } from '../conditions/condition.entity';
import { Faq, FaqPlacement } from '../faqs/faq.entity';
import { Location } from '../locations/location.entity';
import { LocationExternalId } from '../locations/location-external-id.entity';
import { Notice } from '../notices/notice.entity';
import { Practice } from '../practice/practice.entity';
import { Provider, ProviderExternalId, ProviderLocation } from '../providers/provider.entity';
import { Revision } from '../content/revisions/revision.entity';
import { AppSetting } from '../settings/app-setting.entity';
import { RelatedTreatment, Treatment, TreatmentCondition, TreatmentLocation, TreatmentProvider } from '../treatments/treatment.entity';
import { PasswordReset } from '../users/password-reset.entity';
import { RecoveryCode } from '../users/recovery-code.entity';
import { User } from '../users/user.entity';
import { SyncRun } from '../sync/sync-run.entity';
import { SyncFieldOwner } from '../sync/sync-field-owner.entity';
import { SyncSource } from '../sync/sync-source.entity';
import { WebhookDelivery, WebhookDeliveryAttempt } from '../webhooks/webhook-delivery.entity';
import { WebhookSubscription } from '../webhooks/webhook-subscription.entity';

/** Every entity the DataSource knows; the migrations must match them exactly. */
export const ENTITIES = [
  Treatment,
  TreatmentCondition,
  TreatmentProvider,
  TreatmentLocation,
  RelatedTreatment,
  Condition,
  Faq,
  FaqPlacement,
  Location,
  Provider,
  ProviderExternalId,
  ProviderLocation,
  Practice,
  Notice,
  SlugHistoryEntry,
  Revision,
  AuditEntry,
  OutboxEvent,
  ScheduledAction,
  User,
  PasswordReset,
  RecoveryCode,
  RefreshToken,
  PreviewToken,
  LoginAttempt,
  ApiKey,
  AppSetting,
  LocationExternalId,
  SyncSource,
  SyncRun,
  SyncFieldOwner,
  WebhookSubscription,
  WebhookDelivery,
  WebhookDeliveryAttempt,
];
