import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795617919665 implements MigrationInterface {
  name = 'Initial1795617919665';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "slug_history" ("document_type" character varying(16) NOT NULL, "slug" character varying(200) NOT NULL, "document_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0a6c9daef6a586f3b2c62f2801a" PRIMARY KEY ("document_type", "slug"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2c4d5c3fee5de4ae9a6bf75b64" ON "slug_history"  ("document_type", "document_id") `);
    await queryRunner.query(
      `CREATE TABLE "conditions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(200) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'DRAFT', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "first_published_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "meta_title" character varying(120), "meta_description" character varying(320), "canonical_url" text, "noindex" boolean NOT NULL DEFAULT false, "name" character varying(200) NOT NULL, "aliases" text array NOT NULL DEFAULT '{}', "summary" text NOT NULL DEFAULT '', "body" text NOT NULL DEFAULT '', "body_region" character varying(24), "symptoms" text array NOT NULL DEFAULT '{}', "icd10_codes" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_3938bdf2933c08ac7af7e0e15e7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_00c430d48af7fa6471b3b1988f" ON "conditions"  ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_264a53feca49e6a62956ac347f" ON "conditions"  ("body_region") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_conditions_slug" ON "conditions"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "faqs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(200) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'DRAFT', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "first_published_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "meta_title" character varying(120), "meta_description" character varying(320), "canonical_url" text, "noindex" boolean NOT NULL DEFAULT false, "question" character varying(300) NOT NULL, "answer" text NOT NULL DEFAULT '', "tags" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_2ddf4f2c910f8e8fa2663a67bf0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ec69ef8e48f54e2b8899131c86" ON "faqs"  ("status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_faqs_slug" ON "faqs"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "faq_placements" ("faq_id" uuid NOT NULL, "owner_type" character varying(16) NOT NULL, "owner_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_563dc4e66d999997c5f19f8dcf7" PRIMARY KEY ("faq_id", "owner_type", "owner_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ac5c620596b7fec33af433e1c9" ON "faq_placements"  ("owner_type", "owner_id", "position") `);
    await queryRunner.query(
      `CREATE TABLE "locations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(200) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'DRAFT', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "first_published_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "meta_title" character varying(120), "meta_description" character varying(320), "canonical_url" text, "noindex" boolean NOT NULL DEFAULT false, "name" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "address_line1" character varying(200), "address_line2" character varying(200), "city" character varying(100) NOT NULL, "state" character(2) NOT NULL, "postal_code" character varying(10), "country" character(2) NOT NULL DEFAULT 'US', "latitude" double precision, "longitude" double precision, "phone" character varying(20), "fax" character varying(20), "email" character varying(254), "timezone" character varying(64) NOT NULL DEFAULT 'America/New_York', "opening_hours" jsonb NOT NULL DEFAULT '[]', "hours_exceptions" jsonb NOT NULL DEFAULT '[]', "parking_notes" text, "accessibility_notes" text, "booking_url" text, CONSTRAINT "PK_7cc1c9e3853b94816c094825e74" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8254957861f5dca75bfeef3f15" ON "locations"  ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_fcdaf536b897ecf10986916c36" ON "locations"  ("state", "city") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_locations_slug" ON "locations"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "practice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(200) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'DRAFT', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "first_published_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "meta_title" character varying(120), "meta_description" character varying(320), "canonical_url" text, "noindex" boolean NOT NULL DEFAULT false, "name" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "main_phone" character varying(20), "website" text, "booking_url" text, "social_profiles" jsonb NOT NULL DEFAULT '[]', "specialty" character varying(200), CONSTRAINT "PK_4d094a10eae690da34cc5b8ea32" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_fb930472f5a7017fb24ff760b3" ON "practice"  ("status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_practice_slug" ON "practice"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "providers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(200) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'DRAFT', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "first_published_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "meta_title" character varying(120), "meta_description" character varying(320), "canonical_url" text, "noindex" boolean NOT NULL DEFAULT false, "prefix" character varying(100), "first_name" character varying(100) NOT NULL, "middle_name" character varying(100), "last_name" character varying(100) NOT NULL, "suffix" character varying(20), "credentials" text array NOT NULL DEFAULT '{}', "display_name_override" character varying(200), "title" character varying(200), "npi" character varying(10), "specialties" text array NOT NULL DEFAULT '{}', "board_certifications" text array NOT NULL DEFAULT '{}', "education" jsonb NOT NULL DEFAULT '[]', "practice_start_year" integer, "languages" text array NOT NULL DEFAULT '{en}', "bio" text NOT NULL DEFAULT '', "accepting_new_patients" boolean NOT NULL DEFAULT true, "booking_url" text, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_af13fc2ebf382fe0dad2e4793aa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e0fc818fbf9f1beca06f05f373" ON "providers"  ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_252f5ccbca3deed0ab269829c2" ON "providers"  ("accepting_new_patients") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_providers_npi" ON "providers"  ("npi") WHERE npi IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_providers_slug" ON "providers"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "provider_external_ids" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "provider_id" uuid NOT NULL, "system" character varying(200) NOT NULL, "value" character varying(200) NOT NULL, CONSTRAINT "PK_255ee0708097851df7dbc92ffce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_c0800fb08ca66613fd9ae21e10" ON "provider_external_ids"  ("provider_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_provider_external_ids_system_value" ON "provider_external_ids"  ("system", "value") `);
    await queryRunner.query(
      `CREATE TABLE "provider_locations" ("provider_id" uuid NOT NULL, "location_id" uuid NOT NULL, "is_primary" boolean NOT NULL DEFAULT false, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_0f361b0d6feeb9fbcd732b78bd9" PRIMARY KEY ("provider_id", "location_id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_provider_locations_primary" ON "provider_locations"  ("provider_id") WHERE is_primary`);
    await queryRunner.query(`CREATE INDEX "IDX_90888404d5eb77a57a147cc2e2" ON "provider_locations"  ("location_id") `);
    await queryRunner.query(
      `CREATE TABLE "revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_type" character varying(16) NOT NULL, "document_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "version" integer NOT NULL, "snapshot" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, CONSTRAINT "PK_4aa9ee2c71c50508c3c501573c9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_revisions_pending_draft" ON "revisions"  ("document_type", "document_id") WHERE kind = 'DRAFT'`);
    await queryRunner.query(`CREATE INDEX "IDX_d87e341439217ff3f9aa381269" ON "revisions"  ("document_type", "document_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "treatments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(200) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'DRAFT', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "first_published_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "meta_title" character varying(120), "meta_description" character varying(320), "canonical_url" text, "noindex" boolean NOT NULL DEFAULT false, "title" character varying(200) NOT NULL, "summary" text NOT NULL DEFAULT '', "body" text NOT NULL DEFAULT '', "category" character varying(100), "setting" character varying(16), "invasiveness" character varying(24), "anesthesia" character varying(200), "typical_duration" character varying(100), "preparation" text, "recovery" text, "follow_up" text, "risks" text, "benefits" text array NOT NULL DEFAULT '{}', "trial_available" boolean NOT NULL DEFAULT false, "trial_details" text, CONSTRAINT "PK_133f26d52c70b9fa3c2dbb3c89e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_d26e1dbee7b031c6610c2192fb" ON "treatments"  ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_acc5ce44fb1156d261b81a285c" ON "treatments"  ("category") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_treatments_slug" ON "treatments"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "treatment_conditions" ("treatment_id" uuid NOT NULL, "condition_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_96381c172af2a60c8b1b14c34e7" PRIMARY KEY ("treatment_id", "condition_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_264037dca277adf62f6e924879" ON "treatment_conditions"  ("condition_id") `);
    await queryRunner.query(
      `CREATE TABLE "treatment_providers" ("treatment_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_ffd18a150c0cc7864c5a0df67bd" PRIMARY KEY ("treatment_id", "provider_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9c68cde3071d5214f690d263c6" ON "treatment_providers"  ("provider_id") `);
    await queryRunner.query(
      `CREATE TABLE "treatment_locations" ("treatment_id" uuid NOT NULL, "location_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_ff6f57608170b9324bf14f2d67a" PRIMARY KEY ("treatment_id", "location_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7d79400c74fbbf7199fb080b3b" ON "treatment_locations"  ("location_id") `);
    await queryRunner.query(
      `CREATE TABLE "related_treatments" ("treatment_id" uuid NOT NULL, "related_treatment_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_ae2b01b2164ae23763055935cd9" PRIMARY KEY ("treatment_id", "related_treatment_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_abc3401205c6d92d14c2748349" ON "related_treatments"  ("related_treatment_id") `);
    await queryRunner.query(
      `ALTER TABLE "faq_placements" ADD CONSTRAINT "FK_97a2a191a25f7c9c1078a92aa05" FOREIGN KEY ("faq_id") REFERENCES "faqs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "provider_external_ids" ADD CONSTRAINT "FK_c0800fb08ca66613fd9ae21e103" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "provider_locations" ADD CONSTRAINT "FK_fde7a51ab97a39a429e3928d33c" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "provider_locations" ADD CONSTRAINT "FK_90888404d5eb77a57a147cc2e21" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "treatment_conditions" ADD CONSTRAINT "FK_2b5527090fe5cef18545cf2180a" FOREIGN KEY ("treatment_id") REFERENCES "treatments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "treatment_conditions" ADD CONSTRAINT "FK_264037dca277adf62f6e924879c" FOREIGN KEY ("condition_id") REFERENCES "conditions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "treatment_providers" ADD CONSTRAINT "FK_4617850079c6afa00e0c26ac8e0" FOREIGN KEY ("treatment_id") REFERENCES "treatments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "treatment_providers" ADD CONSTRAINT "FK_9c68cde3071d5214f690d263c61" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "treatment_locations" ADD CONSTRAINT "FK_b3aab2ddce4856ab1cde1ee23b0" FOREIGN KEY ("treatment_id") REFERENCES "treatments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "treatment_locations" ADD CONSTRAINT "FK_7d79400c74fbbf7199fb080b3bb" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "related_treatments" ADD CONSTRAINT "FK_efd6a37aef466dbb1fd1b277ec5" FOREIGN KEY ("treatment_id") REFERENCES "treatments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "related_treatments" ADD CONSTRAINT "FK_abc3401205c6d92d14c2748349f" FOREIGN KEY ("related_treatment_id") REFERENCES "treatments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "related_treatments" DROP CONSTRAINT "FK_abc3401205c6d92d14c2748349f"`);
    await queryRunner.query(`ALTER TABLE "related_treatments" DROP CONSTRAINT "FK_efd6a37aef466dbb1fd1b277ec5"`);
    await queryRunner.query(`ALTER TABLE "treatment_locations" DROP CONSTRAINT "FK_7d79400c74fbbf7199fb080b3bb"`);
    await queryRunner.query(`ALTER TABLE "treatment_locations" DROP CONSTRAINT "FK_b3aab2ddce4856ab1cde1ee23b0"`);
    await queryRunner.query(`ALTER TABLE "treatment_providers" DROP CONSTRAINT "FK_9c68cde3071d5214f690d263c61"`);
    await queryRunner.query(`ALTER TABLE "treatment_providers" DROP CONSTRAINT "FK_4617850079c6afa00e0c26ac8e0"`);
    await queryRunner.query(`ALTER TABLE "treatment_conditions" DROP CONSTRAINT "FK_264037dca277adf62f6e924879c"`);
    await queryRunner.query(`ALTER TABLE "treatment_conditions" DROP CONSTRAINT "FK_2b5527090fe5cef18545cf2180a"`);
    await queryRunner.query(`ALTER TABLE "provider_locations" DROP CONSTRAINT "FK_90888404d5eb77a57a147cc2e21"`);
    await queryRunner.query(`ALTER TABLE "provider_locations" DROP CONSTRAINT "FK_fde7a51ab97a39a429e3928d33c"`);
    await queryRunner.query(`ALTER TABLE "provider_external_ids" DROP CONSTRAINT "FK_c0800fb08ca66613fd9ae21e103"`);
    await queryRunner.query(`ALTER TABLE "faq_placements" DROP CONSTRAINT "FK_97a2a191a25f7c9c1078a92aa05"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_abc3401205c6d92d14c2748349"`);
    await queryRunner.query(`DROP TABLE "related_treatments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7d79400c74fbbf7199fb080b3b"`);
    await queryRunner.query(`DROP TABLE "treatment_locations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9c68cde3071d5214f690d263c6"`);
    await queryRunner.query(`DROP TABLE "treatment_providers"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_264037dca277adf62f6e924879"`);
    await queryRunner.query(`DROP TABLE "treatment_conditions"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_treatments_slug"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_acc5ce44fb1156d261b81a285c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d26e1dbee7b031c6610c2192fb"`);
    await queryRunner.query(`DROP TABLE "treatments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d87e341439217ff3f9aa381269"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_revisions_pending_draft"`);
    await queryRunner.query(`DROP TABLE "revisions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_90888404d5eb77a57a147cc2e2"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_provider_locations_primary"`);
    await queryRunner.query(`DROP TABLE "provider_locations"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_provider_external_ids_system_value"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c0800fb08ca66613fd9ae21e10"`);
    await queryRunner.query(`DROP TABLE "provider_external_ids"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_providers_slug"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_providers_npi"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_252f5ccbca3deed0ab269829c2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e0fc818fbf9f1beca06f05f373"`);
    await queryRunner.query(`DROP TABLE "providers"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_practice_slug"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fb930472f5a7017fb24ff760b3"`);
    await queryRunner.query(`DROP TABLE "practice"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_locations_slug"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fcdaf536b897ecf10986916c36"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8254957861f5dca75bfeef3f15"`);
    await queryRunner.query(`DROP TABLE "locations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ac5c620596b7fec33af433e1c9"`);
    await queryRunner.query(`DROP TABLE "faq_placements"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_faqs_slug"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ec69ef8e48f54e2b8899131c86"`);
    await queryRunner.query(`DROP TABLE "faqs"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_conditions_slug"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_264a53feca49e6a62956ac347f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_00c430d48af7fa6471b3b1988f"`);
    await queryRunner.query(`DROP TABLE "conditions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2c4d5c3fee5de4ae9a6bf75b64"`);
    await queryRunner.query(`DROP TABLE "slug_history"`);
  }
}
