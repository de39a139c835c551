import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** What kind of place an office is (HL7 v3 RoleCode codes), kept from FHIR Location.type. */
export class LocationTypes1795974271276 implements MigrationInterface {
  name = 'LocationTypes1795974271276';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "locations" ADD "location_types" text array NOT NULL DEFAULT '{}'`);
    // The export used to call every office of a pain practice a pain clinic; it now says what each office is, starting from that.
    await queryRunner.query(
      `UPDATE "locations" SET "location_types" = '{PAINCL}' WHERE EXISTS (SELECT 1 FROM "practice" p WHERE coalesce(p.specialty, '') || ' ' || p.name ~* '\\mpain\\M')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "locations" DROP COLUMN "location_types"`);
  }
}
