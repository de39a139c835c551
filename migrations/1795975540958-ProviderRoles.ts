import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** What a provider does (FHIR practitioner-role codes), kept from PractitionerRole.code. */
export class ProviderRoles1795975540958 implements MigrationInterface {
  name = 'ProviderRoles1795975540958';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers" ADD "roles" text array NOT NULL DEFAULT '{}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "roles"`);
  }
}
