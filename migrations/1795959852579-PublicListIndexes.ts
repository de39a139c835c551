import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyset indexes for the default order of each public list: only published, live rows, on the
 * same expressions the list queries sort by (the list services), so the first page of a list is
 * an index range scan instead of a sort of the whole table. Entities declare them with
 * `synchronize: false` (TypeORM cannot describe expression indexes).
 */
export class PublicListIndexes1795959852579 implements MigrationInterface {
  name = 'PublicListIndexes1795959852579';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_treatments_public_title" ON "treatments" (lower(title), id) WHERE status = 'PUBLISHED' AND deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_conditions_public_name" ON "conditions" (lower(name), id) WHERE status = 'PUBLISHED' AND deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_faqs_public_question" ON "faqs" (lower(question), id) WHERE status = 'PUBLISHED' AND deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_locations_public_name" ON "locations" (lower(name), id) WHERE status = 'PUBLISHED' AND deleted_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX "IDX_providers_public_name" ON "providers" (lower(last_name || ' ' || first_name), id) WHERE status = 'PUBLISHED' AND deleted_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_providers_public_name"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_locations_public_name"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_faqs_public_question"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_conditions_public_name"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_treatments_public_title"`);
  }
}
