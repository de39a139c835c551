import { MigrationInterface, QueryRunner } from 'typeorm';

/** Provider sync: location external ids, per-source settings and the log of sync runs. */
export class AddProviderSync1795620007472 implements MigrationInterface {
  name = 'AddProviderSync1795620007472';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "location_external_ids" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "location_id" uuid NOT NULL, "system" character varying(200) NOT NULL, "value" character varying(200) NOT NULL, CONSTRAINT "PK_ac556ae231992b477fd0a6bb1c4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6b68af7c7928ddd2f0ff58959f" ON "location_external_ids"  ("location_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_location_external_ids_system_value" ON "location_external_ids"  ("system", "value") `);
    await queryRunner.query(
      `CREATE TABLE "sync_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source" character varying(100) NOT NULL, "format" character varying(8) NOT NULL, "mode" character varying(8) NOT NULL, "apply_mode" character varying(8) NOT NULL, "dry_run" boolean NOT NULL, "atomic" boolean NOT NULL, "force" boolean NOT NULL, "status" character varying(16) NOT NULL, "idempotency_key" character varying(200), "request_hash" character varying(64) NOT NULL, "actor_kind" character varying(16) NOT NULL, "actor_id" uuid, "actor_label" character varying(320) NOT NULL, "received" integer NOT NULL, "created" integer NOT NULL, "updated" integer NOT NULL, "unchanged" integer NOT NULL, "deactivated" integer NOT NULL, "failed" integer NOT NULL, "report" jsonb NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "request_id" character varying(100), CONSTRAINT "PK_adf13fff41a683b3b991fb90b11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_sync_runs_source_idempotency_key" ON "sync_runs"  ("source", "idempotency_key") WHERE idempotency_key IS NOT NULL AND status = 'APPLIED'`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b584f3079bb77da033f13946ce" ON "sync_runs"  ("source", "started_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_1752bbdbc32e6890d80c9aea3a" ON "sync_runs"  ("started_at") `);
    await queryRunner.query(
      `CREATE TABLE "sync_sources" ("name" character varying(100) NOT NULL, "apply_mode" character varying(16) NOT NULL DEFAULT 'LIVE', "max_deactivation_share" double precision NOT NULL DEFAULT '0.2', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by_label" character varying(320), CONSTRAINT "PK_45572294f7eec45608ed6926484" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "location_external_ids" ADD CONSTRAINT "FK_6b68af7c7928ddd2f0ff58959fd" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "location_external_ids" DROP CONSTRAINT "FK_6b68af7c7928ddd2f0ff58959fd"`);
    await queryRunner.query(`DROP TABLE "sync_sources"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1752bbdbc32e6890d80c9aea3a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b584f3079bb77da033f13946ce"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_sync_runs_source_idempotency_key"`);
    await queryRunner.query(`DROP TABLE "sync_runs"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_location_external_ids_system_value"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6b68af7c7928ddd2f0ff58959f"`);
    await queryRunner.query(`DROP TABLE "location_external_ids"`);
  }
}
