import { MigrationInterface, QueryRunner } from 'typeorm';

export class PreviewTokens1795971409218 implements MigrationInterface {
  name = 'PreviewTokens1795971409218';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "preview_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_type" character varying(20) NOT NULL, "document_ids" uuid array, "created_by_kind" character varying(10) NOT NULL, "created_by_id" uuid NOT NULL, "created_by_label" character varying(400) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c539643c28dd84e398f11a5d87f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_22facb4334586687eb17ec7808" ON "preview_tokens"  ("expires_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_a7fa98c5683f341ebe59dcf4f6" ON "preview_tokens"  ("created_by_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_a7fa98c5683f341ebe59dcf4f6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_22facb4334586687eb17ec7808"`);
    await queryRunner.query(`DROP TABLE "preview_tokens"`);
  }
}
