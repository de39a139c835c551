import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Providers' and offices' own web pages, kept from FHIR telecom entries of system "url". */
export class Websites1795975600958 implements MigrationInterface {
  name = 'Websites1795975600958';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers" ADD "website" text`);
    await queryRunner.query(`ALTER TABLE "locations" ADD "website" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "locations" DROP COLUMN "website"`);
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "website"`);
  }
}
