import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Purging a document used to leave the rows saying which source wrote its fields: those of documents no longer there go. */
export class PurgedFieldOwners1795975660958 implements MigrationInterface {
  name = 'PurgedFieldOwners1795975660958';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "sync_field_owners" o WHERE (o.document_type = 'PROVIDER' AND NOT EXISTS (SELECT 1 FROM "providers" p WHERE p.id = o.document_id))
        OR (o.document_type = 'LOCATION' AND NOT EXISTS (SELECT 1 FROM "locations" l WHERE l.id = o.document_id))`,
    );
  }

  public async down(): Promise<void> {
    // The deleted rows named documents that no longer exist: nothing to bring back.
  }
}
