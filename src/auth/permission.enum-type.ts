import { registerEnumType } from '@nestjs/graphql';
import { Permission } from './permissions';

/** Exposes Permission to GraphQL (user permissions, API key scopes); the values are the scope strings. */
registerEnumType(Permission, {
  name: 'Permission',
  description: 'Something a credential may do. Roles grant fixed sets; API keys carry a subset as scopes.',
  valuesMap: {
    CONTENT_READ_DRAFT: {
      description: 'Read drafts and unpublished documents (stage: DRAFT); preview tokens carry only this, limited to the documents they name.',
    },
    CONTENT_WRITE: { description: 'Create, edit and trash content.' },
    CONTENT_PUBLISH: { description: 'Publish, unpublish and schedule content.' },
    CONTENT_PURGE: { description: 'Delete documents from the trash for good.' },
    PROVIDERS_SYNC: { description: 'Batch upserts of providers from a credentialing system, an EHR or the NPI registry.' },
    API_KEYS_MANAGE: { description: 'Create, list and revoke API keys.' },
    USERS_MANAGE: { description: 'Create, list and update user accounts.' },
    AUDIT_READ: { description: 'Read the audit log.' },
    PREVIEW_TOKENS_MANAGE: { description: "List and revoke everyone's preview tokens (anyone may list and revoke their own)." },
    WEBHOOKS_MANAGE: { description: 'Manage webhook subscriptions and read the webhook delivery log.' },
    SETTINGS_MANAGE: { description: "Change the practice's settings, such as the clinical review policy." },
  },
});
