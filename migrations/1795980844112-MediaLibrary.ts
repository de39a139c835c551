import { MigrationInterface, QueryRunner } from 'typeorm';

export class MediaLibrary1795980844112 implements MigrationInterface {
  name = 'MediaLibrary1795980844112';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "storage_key" character varying(200) NOT NULL, "format" character varying(8) NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "byte_size" integer NOT NULL, "filename" character varying(255), "alt" text, "decorative" boolean NOT NULL DEFAULT false, "caption" text, "credit" character varying(300), "focal_x" real, "focal_y" real, "pixels_version" integer NOT NULL DEFAULT '1', "rendition_count" integer NOT NULL DEFAULT '0', "placeholder" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_da96729a8b113377cfb6a62439c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_assets_live_created" ON "assets"  ("created_at") WHERE deleted_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "providers" ADD "photo" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "photo"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_assets_live_created"`);
    await queryRunner.query(`DROP TABLE "assets"`);
  }
}
