import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The practice's organization (type 2) NPI, for the FHIR Organization. */
export class PracticeNpi1795974133607 implements MigrationInterface {
  name = 'PracticeNpi1795974133607';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "practice" ADD "npi" character varying(10)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "practice" DROP COLUMN "npi"`);
  }
}
