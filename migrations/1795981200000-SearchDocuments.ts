import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The site search index (issue 11): one `search_documents` row per document of every searchable
 * type, with its weighted tsvector and the text snippets are cut from, and `search_words`, the
 * words of all titles, from which misspelled search words are corrected (pg_trgm). Titles and
 * aliases weigh A, the summary B, each with positions; the body's words are kept without positions
 * (weight D, once each): ranking reads the vector of every match, and a body's positions made it
 * TOASTed and twice as large (at the 100× bench set, 2.7 kB against 1.2 kB a treatment).
 * Triggers on the content tables keep both current, so every write path (editors, publishing, the
 * scheduler, provider sync, the demo loader, bulk loads) updates them in the write's transaction.
 * CREATE EXTENSION needs a superuser, or on PostgreSQL 13+ the CREATE privilege on the database
 * (both extensions are trusted); PGlite ships both as modules of its own.
 */
export class SearchDocuments1795981200000 implements MigrationInterface {
  name = 'SearchDocuments1795981200000';

  /** Per table: its document type and the columns of its titles, summary and body (comma-separated). */
  private readonly indexed: { table: string; type: string; titles: string; summary: string; body: string }[] = [
    { table: 'treatments', type: 'TREATMENT', titles: 'title', summary: 'summary', body: 'body' },
    { table: 'conditions', type: 'CONDITION', titles: 'name,aliases', summary: 'summary', body: 'symptoms,body' },
    { table: 'faqs', type: 'FAQ', titles: 'question', summary: '', body: 'answer' },
    { table: 'providers', type: 'PROVIDER', titles: 'prefix,first_name,middle_name,last_name,display_name_override', summary: 'title', body: 'bio' },
    { table: 'locations', type: 'LOCATION', titles: 'name', summary: 'city', body: 'description,address_line1' },
  ];

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // unaccent(text) is STABLE because it finds its dictionary by name at run time; naming the
    // dictionary makes the result depend on the text only.
    await queryRunner.query(
      `CREATE FUNCTION search_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT unaccent('unaccent'::regdictionary, $1) $$`,
    );
    // Markdown to searchable text: links keep their text, markup characters become spaces.
    await queryRunner.query(
      `CREATE FUNCTION search_plain_text(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT regexp_replace(regexp_replace(coalesce($1, ''), '!?\\[([^\\]]*)\\]\\([^)]*\\)', '\\1', 'g'), '[#*_>\`~|]+', ' ', 'g') $$`,
    );
    // The named columns of a row (as JSON), joined: array columns (aliases, symptoms) item by item.
    await queryRunner.query(
      `CREATE FUNCTION search_text_of(row_json jsonb, columns text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(v.text, E'\\n' ORDER BY c.position), '')
        FROM unnest(string_to_array(columns, ',')) WITH ORDINALITY AS c(name, position)
        CROSS JOIN LATERAL (SELECT CASE jsonb_typeof(row_json -> c.name)
          WHEN 'array' THEN (SELECT string_agg(item, ', ') FROM jsonb_array_elements_text(row_json -> c.name) AS item)
          ELSE row_json ->> c.name END AS text) v
        WHERE v.text <> '' $$`,
    );
    await queryRunner.query(
      `CREATE TABLE "search_documents" (
        "document_id" uuid PRIMARY KEY,
        "document_type" character varying(16) NOT NULL,
        "slug" text NOT NULL,
        "status" character varying(16) NOT NULL,
        "trashed" boolean NOT NULL,
        "titles" text NOT NULL,
        "summary" text NOT NULL,
        "body" text NOT NULL,
        "vector" tsvector NOT NULL
      )`,
    );
    // The words of every title and alias ever indexed, for correcting misspelled search words: a
    // few thousand rows where the titles are tens of thousands. Words are never taken out; a
    // search only accepts a correction that visible documents contain.
    await queryRunner.query(`CREATE TABLE "search_words" ("word" text PRIMARY KEY)`);
    await queryRunner.query(
      `CREATE FUNCTION search_documents_put(document_type text, document_id uuid, slug text, status text, trashed boolean, titles text, summary text, body text)
       RETURNS void LANGUAGE sql AS $$
        INSERT INTO search_documents AS s (document_id, document_type, slug, status, trashed, titles, summary, body, vector)
        SELECT document_id, document_type, slug, status, trashed, lower(search_unaccent(titles)), summary, plain,
          setweight(to_tsvector('english', search_unaccent(titles)), 'A')
            || setweight(to_tsvector('english', search_unaccent(summary)), 'B')
            || strip(to_tsvector('english', search_unaccent(plain)))
        FROM (SELECT search_plain_text(body) AS plain) p
        ON CONFLICT (document_id) DO UPDATE SET document_type = EXCLUDED.document_type, slug = EXCLUDED.slug, status = EXCLUDED.status,
          trashed = EXCLUDED.trashed, titles = EXCLUDED.titles, summary = EXCLUDED.summary, body = EXCLUDED.body, vector = EXCLUDED.vector;
        INSERT INTO search_words (word)
        SELECT DISTINCT word FROM regexp_split_to_table(lower(search_unaccent(titles)), '[^[:alnum:]]+') AS word WHERE length(word) > 2
        ON CONFLICT (word) DO NOTHING $$`,
    );
    // One trigger function for every table; its arguments name the type and the columns.
    await queryRunner.query(
      `CREATE FUNCTION search_documents_index() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          row_json jsonb;
        BEGIN
          IF TG_OP = 'DELETE' THEN
            DELETE FROM search_documents WHERE document_id = OLD.id;
            RETURN NULL;
          END IF;
          row_json := to_jsonb(NEW);
          PERFORM search_documents_put(TG_ARGV[0], NEW.id, NEW.slug, NEW.status, NEW.deleted_at IS NOT NULL,
            search_text_of(row_json, TG_ARGV[1]), search_text_of(row_json, TG_ARGV[2]), search_text_of(row_json, TG_ARGV[3]));
          RETURN NULL;
        END $$`,
    );
    for (const { table, type, titles, summary, body } of this.indexed) {
      const columns = ['slug', 'status', 'deleted_at', ...`${titles},${summary},${body}`.split(',').filter(Boolean)];
      await queryRunner.query(
        `CREATE TRIGGER "search_documents" AFTER INSERT OR DELETE OR UPDATE OF ${columns.map((column) => `"${column}"`).join(', ')} ON "${table}"
         FOR EACH ROW EXECUTE FUNCTION search_documents_index('${type}', '${titles}', '${summary}', '${body}')`,
      );
      await queryRunner.query(
        `SELECT search_documents_put('${type}', d.id, d.slug, d.status, d.deleted_at IS NOT NULL,
           search_text_of(to_jsonb(d), '${titles}'), search_text_of(to_jsonb(d), '${summary}'), search_text_of(to_jsonb(d), '${body}'))
         FROM "${table}" d`,
      );
    }
    // Built once the rows are in: faster than growing them row by row.
    await queryRunner.query(`CREATE INDEX "IDX_search_documents_vector" ON "search_documents" USING gin ("vector")`);
    await queryRunner.query(`CREATE INDEX "IDX_search_words_word" ON "search_words" USING gin ("word" gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of this.indexed) await queryRunner.query(`DROP TRIGGER "search_documents" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION search_documents_index()`);
    await queryRunner.query(`DROP FUNCTION search_documents_put(text, uuid, text, text, boolean, text, text, text)`);
    await queryRunner.query(`DROP TABLE "search_words"`);
    await queryRunner.query(`DROP TABLE "search_documents"`);
    await queryRunner.query(`DROP FUNCTION search_text_of(jsonb, text)`);
    await queryRunner.query(`DROP FUNCTION search_plain_text(text)`);
    await queryRunner.query(`DROP FUNCTION search_unaccent(text)`);
    // The extensions stay: other objects may use them by now.
  }
}
