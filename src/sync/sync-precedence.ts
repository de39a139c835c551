import { type EntityManager } from 'typeorm';
import { type SyncFieldWarning } from './sync-report';

/** Each source's priority, overall and per field (higher wins); a source never configured has 0. */
export interface SourcePriorities {
  priority: number;
  fieldPriorities: Record<string, number>;
}

/** The owners of the fields of the matched documents of one type, and every source's priorities. */
export class Precedence {
  private constructor(
    private readonly documentType: string,
    private readonly source: string,
    private readonly priorities: Map<string, SourcePriorities>,
    /** document id → field → source that last wrote it. */
    private readonly owners: Map<string, Map<string, string>>,
  ) {}

  /** `priorities`: every configured source's (SyncSourcesService.settingsFor reads them once a run). */
  static async load(
    manager: EntityManager,
    documentType: string,
    source: string,
    priorities: Map<string, SourcePriorities>,
    documentIds: string[],
  ): Promise<Precedence> {
    const owners = new Map<string, Map<string, string>>();
    if (documentIds.length > 0) {
      const rows: { document_id: string; field: string; source: string }[] = await manager.query(
        'SELECT document_id, field, source FROM sync_field_owners WHERE document_type = $1 AND document_id = ANY($2::uuid[])',
        [documentType, documentIds],
      );
      for (const row of rows) {
        if (!owners.has(row.document_id)) owners.set(row.document_id, new Map());
        owners.get(row.document_id)!.set(row.field, row.source);
      }
    }
    return new Precedence(documentType, source, priorities, owners);
  }

  private priorityOf(source: string, field: string): number {
    const settings = this.priorities.get(source);
    return settings?.fieldPriorities[field] ?? settings?.priority ?? 0;
  }

  /**
   * The fields this source may write to a document: those no source of higher priority (for that
   * field) wrote last. The others are kept as they are and reported ("kept: owned by …").
   */
  filter(documentId: string | null, fields: Record<string, unknown>): { fields: Record<string, unknown>; kept: SyncFieldWarning[] } {
    const owners = documentId ? this.owners.get(documentId) : undefined;
    if (!owners) return { fields, kept: [] };
    const allowed: Record<string, unknown> = {};
    const kept: SyncFieldWarning[] = [];
    for (const [field, value] of Object.entries(fields)) {
      const owner = owners.get(field);
      if (owner && owner !== this.source && this.priorityOf(owner, field) > this.priorityOf(this.source, field)) {
        kept.push({
          path: field,
          value: value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value),
          message: `kept: owned by ${owner}`,
        });
      } else allowed[field] = value;
    }
    return { fields: allowed, kept };
  }

  /** The fields of a document whose owner would change to this source (only those are written). */
  claims(documentId: string, fields: string[]): string[] {
    const owners = this.owners.get(documentId);
    return fields.filter((field) => owners?.get(field) !== this.source);
  }

  /** Records this source as the last writer of the fields, one statement for the whole batch. */
  async write(manager: EntityManager, claims: { documentId: string; fields: string[] }[]): Promise<void> {
    const rows = claims.flatMap((claim) => claim.fields.map((field) => ({ id: claim.documentId, field })));
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO sync_field_owners (document_type, document_id, field, source)
       SELECT $2, v.id, v.field, $3 FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, field text)
       ON CONFLICT (document_type, document_id, field) DO UPDATE SET source = EXCLUDED.source, updated_at = now()`,
      [JSON.stringify(rows), this.documentType, this.source],
    );
  }
}
