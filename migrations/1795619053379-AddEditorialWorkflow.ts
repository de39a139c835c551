import { MigrationInterface, QueryRunner } from 'typeorm';

/** Audit log, outbox of domain events, and scheduled publishing. */
export class AddEditorialWorkflow1795619053379 implements MigrationInterface {
  name = 'AddEditorialWorkflow1795619053379';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_kind" character varying(16) NOT NULL, "actor_id" uuid, "actor_label" character varying(320) NOT NULL, "action" character varying(100) NOT NULL, "document_type" character varying(16), "document_id" uuid, "before" jsonb, "after" jsonb, "request_id" character varying(100), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e41e61d621f53f69aa15c5241d" ON "audit_log"  ("actor_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_b4866bc672160346877fe07556" ON "audit_log"  ("document_type", "document_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_2ad7930a7c2af80585c8c1b770" ON "audit_log"  ("created_at") `);
    await queryRunner.query(
      `CREATE TABLE "outbox_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "event_type" character varying(64) NOT NULL, "document_type" character varying(16) NOT NULL, "document_id" uuid NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_eaf68130c399b490bce8d30eed" ON "outbox_events"  ("processed_at", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "scheduled_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_type" character varying(16) NOT NULL, "document_id" uuid NOT NULL, "action" character varying(16) NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "created_by" uuid, "created_by_label" character varying(320) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "executed_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_d0b3ee369a10cd20677346d0b65" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_197381cb97e056bcb4b5ab590f" ON "scheduled_actions"  ("document_type", "document_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_80e53e8e68505b5a404a00bab1" ON "scheduled_actions"  ("status", "run_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_80e53e8e68505b5a404a00bab1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_197381cb97e056bcb4b5ab590f"`);
    await queryRunner.query(`DROP TABLE "scheduled_actions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_eaf68130c399b490bce8d30eed"`);
    await queryRunner.query(`DROP TABLE "outbox_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2ad7930a7c2af80585c8c1b770"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b4866bc672160346877fe07556"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e41e61d621f53f69aa15c5241d"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
