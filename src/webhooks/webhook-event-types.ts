import { registerEnumType } from '@nestjs/graphql';

/** The events a subscription can ask for; values are the `type` of the envelope. */
export enum WebhookEventType {
  DOCUMENT_PUBLISHED = 'document.published',
  DOCUMENT_UNPUBLISHED = 'document.unpublished',
  DOCUMENT_TRASHED = 'document.trashed',
  DOCUMENT_RESTORED = 'document.restored',
  DOCUMENT_PURGED = 'document.purged',
  DOCUMENT_FAQS_CHANGED = 'document.faqs_changed',
  SYNC_COMPLETED = 'sync.completed',
  SETTINGS_CHANGED = 'settings.changed',
}

/** Sent by pingWebhookSubscription only: never from the outbox. */
export const PING_EVENT_TYPE = 'webhook.ping';

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: "A kind of content change a webhook reports; the envelope's `type` is the value in parentheses.",
  valuesMap: {
    DOCUMENT_PUBLISHED: {
      description: 'A document went live or its live version changed ("document.published"): editors, scheduled publishes and provider sync.',
    },
    DOCUMENT_UNPUBLISHED: { description: 'A document was taken off the live site, by an editor or a schedule ("document.unpublished").' },
    DOCUMENT_TRASHED: { description: 'A document was moved to the trash ("document.trashed").' },
    DOCUMENT_RESTORED: { description: 'A document came back from the trash ("document.restored").' },
    DOCUMENT_PURGED: { description: 'A document was deleted for good ("document.purged").' },
    DOCUMENT_FAQS_CHANGED: {
      description:
        'The FAQs placed on a page changed: attached, detached or reordered ("document.faqs_changed"). On a published page this edits its draft; the live page changes at its next publish.',
    },
    SYNC_COMPLETED: {
      description:
        'A provider sync run changed the directory ("sync.completed"): `document` is the run (type SYNC_RUN, its id the report\'s runId) and `details` has the source and the counts. Each changed provider or office also gets its own "document.published".',
    },
    SETTINGS_CHANGED: {
      description:
        'A setting that shapes the directory changed ("settings.changed"): today the rules of a sync source (`configureSyncSource`); `document` is the source (type SYNC_SOURCE, a UUID made from its name) and `details` has the setting before and after.',
    },
  },
});
