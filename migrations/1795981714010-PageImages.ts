import { MigrationInterface, QueryRunner } from 'typeorm';

export class PageImages1795981714010 implements MigrationInterface {
  name = 'PageImages1795981714010';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conditions" ADD "og_image" jsonb`);
    await queryRunner.query(`ALTER TABLE "conditions" ADD "image" jsonb`);
    await queryRunner.query(`ALTER TABLE "faqs" ADD "og_image" jsonb`);
    await queryRunner.query(`ALTER TABLE "locations" ADD "og_image" jsonb`);
    await queryRunner.query(`ALTER TABLE "locations" ADD "photos" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "notices" ADD "og_image" jsonb`);
    await queryRunner.query(`ALTER TABLE "practice" ADD "og_image" jsonb`);
    await queryRunner.query(`ALTER TABLE "practice" ADD "logo" jsonb`);
    await queryRunner.query(`ALTER TABLE "providers" ADD "og_image" jsonb`);
    await queryRunner.query(`ALTER TABLE "treatments" ADD "og_image" jsonb`);
    await queryRunner.query(`ALTER TABLE "treatments" ADD "hero_image" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "treatments" DROP COLUMN "hero_image"`);
    await queryRunner.query(`ALTER TABLE "treatments" DROP COLUMN "og_image"`);
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "og_image"`);
    await queryRunner.query(`ALTER TABLE "practice" DROP COLUMN "logo"`);
    await queryRunner.query(`ALTER TABLE "practice" DROP COLUMN "og_image"`);
    await queryRunner.query(`ALTER TABLE "notices" DROP COLUMN "og_image"`);
    await queryRunner.query(`ALTER TABLE "locations" DROP COLUMN "photos"`);
    await queryRunner.query(`ALTER TABLE "locations" DROP COLUMN "og_image"`);
    await queryRunner.query(`ALTER TABLE "faqs" DROP COLUMN "og_image"`);
    await queryRunner.query(`ALTER TABLE "conditions" DROP COLUMN "image"`);
    await queryRunner.query(`ALTER TABLE "conditions" DROP COLUMN "og_image"`);
  }
}
