import { MigrationInterface, QueryRunner } from 'typeorm';

export class MedicalReviewAndStatedExperience1795980835948 implements MigrationInterface {
  name = 'MedicalReviewAndStatedExperience1795980835948';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "providers" ADD "experience_minimum_years" integer`);
    await queryRunner.query(`ALTER TABLE "conditions" ADD "reviewed_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "conditions" ADD "reviewed_at" date`);
    await queryRunner.query(`ALTER TABLE "conditions" ADD "next_review_due" date`);
    await queryRunner.query(`ALTER TABLE "conditions" ADD "review_notes" text`);
    await queryRunner.query(`ALTER TABLE "faqs" ADD "reviewed_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "faqs" ADD "reviewed_at" date`);
    await queryRunner.query(`ALTER TABLE "faqs" ADD "next_review_due" date`);
    await queryRunner.query(`ALTER TABLE "faqs" ADD "review_notes" text`);
    await queryRunner.query(`ALTER TABLE "treatments" ADD "reviewed_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "treatments" ADD "reviewed_at" date`);
    await queryRunner.query(`ALTER TABLE "treatments" ADD "next_review_due" date`);
    await queryRunner.query(`ALTER TABLE "treatments" ADD "review_notes" text`);
    await queryRunner.query(
      `ALTER TABLE "conditions" ADD CONSTRAINT "FK_a37bbd7cbbcc12c42cffabd5ce2" FOREIGN KEY ("reviewed_by_id") REFERENCES "providers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "faqs" ADD CONSTRAINT "FK_92ae949ba237e75e6892401efde" FOREIGN KEY ("reviewed_by_id") REFERENCES "providers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "treatments" ADD CONSTRAINT "FK_a54407a01e7e3c084889d8ee5b4" FOREIGN KEY ("reviewed_by_id") REFERENCES "providers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "treatments" DROP CONSTRAINT "FK_a54407a01e7e3c084889d8ee5b4"`);
    await queryRunner.query(`ALTER TABLE "faqs" DROP CONSTRAINT "FK_92ae949ba237e75e6892401efde"`);
    await queryRunner.query(`ALTER TABLE "conditions" DROP CONSTRAINT "FK_a37bbd7cbbcc12c42cffabd5ce2"`);
    await queryRunner.query(`ALTER TABLE "treatments" DROP COLUMN "review_notes"`);
    await queryRunner.query(`ALTER TABLE "treatments" DROP COLUMN "next_review_due"`);
    await queryRunner.query(`ALTER TABLE "treatments" DROP COLUMN "reviewed_at"`);
    await queryRunner.query(`ALTER TABLE "treatments" DROP COLUMN "reviewed_by_id"`);
    await queryRunner.query(`ALTER TABLE "faqs" DROP COLUMN "review_notes"`);
    await queryRunner.query(`ALTER TABLE "faqs" DROP COLUMN "next_review_due"`);
    await queryRunner.query(`ALTER TABLE "faqs" DROP COLUMN "reviewed_at"`);
    await queryRunner.query(`ALTER TABLE "faqs" DROP COLUMN "reviewed_by_id"`);
    await queryRunner.query(`ALTER TABLE "conditions" DROP COLUMN "review_notes"`);
    await queryRunner.query(`ALTER TABLE "conditions" DROP COLUMN "next_review_due"`);
    await queryRunner.query(`ALTER TABLE "conditions" DROP COLUMN "reviewed_at"`);
    await queryRunner.query(`ALTER TABLE "conditions" DROP COLUMN "reviewed_by_id"`);
    await queryRunner.query(`ALTER TABLE "providers" DROP COLUMN "experience_minimum_years"`);
  }
}
