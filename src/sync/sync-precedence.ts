import { type EntityManager } from 'typeorm';
import { type SyncFieldWarning } from './sync-report';

/** Each source's priority, overall and per field (higher wins); a source never configured has 0. */
export interface SourcePriorities {
  priority: number;
  fieldPriorities: Record<string, number>;
}

/** One claim: `source` last wrote `field` of the document. */
export interface FieldOwnerRow {
  type: string;
  id: string;
  field: string;
  source: string;
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

  /**
   * `priorities`: every configured source's (SyncSourcesService.settingsFor reads them once a run);
   * `owners`: the matched documents' field owners (read with their drafts, sync-matching.ts).
   */
  static of(documentType: string, source: string, priorities: Map<string, SourcePriorities>, owners: Map<string, Map<string, string>>): Precedence {
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

  /** The sync_field_owners rows that record this source as the last writer of the fields. */
  claimRows(claims: { documentId: string; fields: string[] }[]): FieldOwnerRow[] {
    return claims.flatMap((claim) => claim.fields.map((field) => ({ type: this.documentType, id: claim.documentId, field, source: this.source })));
  }

  /** Writes the claims of every type of a run, one statement for the whole batch. */
  static async write(manager: EntityManager, claimRows: FieldOwnerRow[][]): Promise<void> {
    const rows = claimRows.flat();
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO sync_field_owners (document_type, document_id, field, source)
       SELECT v.type, v.id, v.field, v.source FROM jsonb_to_recordset($1::jsonb) AS v(type text, id uuid, field text, source text)
       ON CONFLICT (document_type, document_id, field) DO UPDATE SET source = EXCLUDED.source, updated_at = now()`,
      [JSON.stringify(rows)],
    );
  }
}
