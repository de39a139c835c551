/** An outbox row as the dispatcher reads it. */
export interface OutboxEventRow {
  id: string;
  seq: string;
  /** A Date, or its JSON text when the row comes through json_agg. */
  created_at: Date | string;
  event_type: string;
  document_type: string;
  document_id: string;
  payload: Record<string, unknown>;
}

/** The body every webhook receives; fields are only ever added to it. */
export interface WebhookEnvelope {
  /** The outbox event's id: the same in every attempt and redelivery, so receivers de-duplicate by it. */
  id: string;
  type: string;
  occurredAt: string;
  document: {
    type: string;
    id: string;
    slug: string | null;
    previousSlug: string | null;
    version: number | null;
  };
  /** Site paths the change affects (from SITE_PATHS); empty when none are configured for the type. */
  paths: string[];
  /** Only on events that are not about one document (sync.completed: the source and the counts). */
  details?: Record<string, unknown>;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The paths of a document on the site, for its current and former slug. */
export function sitePathsOf(template: string | undefined, slugs: (string | null)[]): string[] {
  if (!template) return [];
  if (!template.includes('{slug}')) return [template];
  const paths = slugs.filter((slug): slug is string => slug !== null).map((slug) => template.replaceAll('{slug}', encodeURIComponent(slug)));
  return [...new Set(paths)];
}

export function envelopeOf(event: OutboxEventRow, sitePaths: ReadonlyMap<string, string>): WebhookEnvelope {
  const slug = text(event.payload.slug);
  const previousSlug = text(event.payload.previousSlug);
  const version = typeof event.payload.version === 'number' ? event.payload.version : null;
  return {
    id: event.id,
    type: event.event_type,
    occurredAt: new Date(event.created_at).toISOString(),
    document: { type: event.document_type, id: event.document_id, slug, previousSlug, version },
    paths: sitePathsOf(sitePaths.get(event.document_type), [slug, previousSlug]),
    ...(isRecord(event.payload.details) ? { details: event.payload.details } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
