import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notices1795980493386 implements MigrationInterface {
  name = 'Notices1795980493386';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(200) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'DRAFT', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "first_published_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "meta_title" character varying(120), "meta_description" character varying(320), "canonical_url" text, "noindex" boolean NOT NULL DEFAULT false, "kind" character varying(32) NOT NULL, "title" character varying(300) NOT NULL, "body" text NOT NULL DEFAULT '', "languages" text array NOT NULL DEFAULT '{}', "effective_date" date, "review_date" date, CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4a6754634188582ae42d896d50" ON "notices"  ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_25cd51edfd53882bc2c248ed46" ON "notices"  ("kind") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_notices_slug" ON "notices"  ("slug") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_notices_slug"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_25cd51edfd53882bc2c248ed46"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4a6754634188582ae42d896d50"`);
    await queryRunner.query(`DROP TABLE "notices"`);
  }
}
