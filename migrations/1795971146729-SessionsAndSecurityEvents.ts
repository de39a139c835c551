import { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionsAndSecurityEvents1795971146729 implements MigrationInterface {
  name = 'SessionsAndSecurityEvents1795971146729';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "session_version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "client_address_hash" character(64)`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "ip_address" character varying(64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "ip_address"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "client_address_hash"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "session_version"`);
  }
}
