import { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginAttempts1795958447509 implements MigrationInterface {
  name = 'LoginAttempts1795958447509';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_attempts" ("key_hash" character(64) NOT NULL, "attempts" integer NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a20d8dcb8221addcc81cb964748" PRIMARY KEY ("key_hash"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_attempts"`);
  }
}
