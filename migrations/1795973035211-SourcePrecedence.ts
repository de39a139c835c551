import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Source precedence: per-source priorities (overall and per field) and the last writer of each source-owned field. */
export class SourcePrecedence1795973035211 implements MigrationInterface {
  name = 'SourcePrecedence1795973035211';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sync_field_owners" ("document_type" character varying(32) NOT NULL, "document_id" uuid NOT NULL, "field" character varying(64) NOT NULL, "source" character varying(100) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_232a5acc74b753d45ea11f07949" PRIMARY KEY ("document_type", "document_id", "field"))`,
    );
    await queryRunner.query(`ALTER TABLE "sync_sources" ADD "priority" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "sync_sources" ADD "field_priorities" jsonb NOT NULL DEFAULT '{}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_sources" DROP COLUMN "field_priorities"`);
    await queryRunner.query(`ALTER TABLE "sync_sources" DROP COLUMN "priority"`);
    await queryRunner.query(`DROP TABLE "sync_field_owners"`);
  }
}
