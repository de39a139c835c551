import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Providers keep what sources send about them: licenses (number, state, issuer), gender, a direct phone and email. */
export class ProviderLicensesAndContacts1795973585689 implements MigrationInterface {
  name = 'ProviderLicensesAndContacts1795973585689';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers" ADD "licenses" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "providers" ADD "gender" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "providers" ADD "phone" character varying(30)`);
    await queryRunner.query(`ALTER TABLE "providers" ADD "email" character varying(254)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "email"`);
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "phone"`);
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "gender"`);
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "licenses"`);
  }
}
