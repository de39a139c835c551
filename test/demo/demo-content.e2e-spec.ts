import { type DataSource } from 'typeorm';
import { Practice } from '../../src/practice/practice.entity';
import { DemoContentLoader } from '../../src/demo/demo-content.loader';
import { useTestApp } from '../support/use-test-app';

const CONTENT_TABLES = [
  'practice',
  'locations',
  'providers',
  'provider_locations',
  'conditions',
  'faqs',
  'faq_placements',
  'treatments',
  'treatment_conditions',
  'treatment_providers',
  'treatment_locations',
  'related_treatments',
  'slug_history',
  'revisions',
];

async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of CONTENT_TABLES) {
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM ${table}`);
    counts[table] = count;
  }
  return counts;
}

/** Every document's identity and write markers: an upsert that changes nothing leaves them as they were. */
async function documentStates(dataSource: DataSource): Promise<unknown[]> {
  return dataSource.query(`
    SELECT 'practice' AS type, id, slug, version, updated_at FROM practice
    UNION ALL SELECT 'location', id, slug, version, updated_at FROM locations
    UNION ALL SELECT 'provider', id, slug, version, updated_at FROM providers
    UNION ALL SELECT 'condition', id, slug, version, updated_at FROM conditions
    UNION ALL SELECT 'faq', id, slug, version, updated_at FROM faqs
    UNION ALL SELECT 'treatment', id, slug, version, updated_at FROM treatments
    ORDER BY 1, 3`);
}

describe('demo practice content', () => {
  const app = useTestApp({ LOAD_DEMO_CONTENT: 'true' });
  it('serves the intrathecal therapy page with its eight conditions and five FAQs in order', async () => {
    const response = await app.graphql(`{
      treatment(slug: "intrathecal-therapy") {
        title
        trialAvailable
        procedure { setting invasiveness anesthesia }
        conditions { name }
        faqs { question }
        providers { displayName locations { address { city } } }
        locations { address { city state } }
      }
    }`);

    expect(response.errors).toBeUndefined();
    const treatment = response.data.treatment;
    expect(treatment.title).toBe('Intrathecal Therapy');
    expect(treatment.trialAvailable).toBe(true);
    expect(treatment.procedure).toEqual({ setting: 'OUTPATIENT', invasiveness: 'MINIMALLY_INVASIVE', anesthesia: 'IV sedation' });
    expect(treatment.conditions.map((condition: { name: string }) => condition.name)).toEqual([
      'Back Pain',
      'Neck Pain',
      'Nerve Damage',
      'Pain After Surgery',
      'Cancer Pain',
      'Complex Regional Pain Syndrome (CRPS)',
      'Spinal Cord Injuries',
      'Herniated Discs',
    ]);
    expect(treatment.faqs.map((faq: { question: string }) => faq.question)).toEqual([
      'What is intrathecal therapy?',
      'How does intrathecal therapy work?',
      'Is intrathecal therapy right for me?',
      'What happens during the intrathecal therapy procedure?',
      'What happens after the intrathecal therapy procedure?',
    ]);
    expect(treatment.providers).toEqual([
      { displayName: 'Anjum Bux, MD', locations: ['Lexington', 'Cynthiana', 'Maysville', 'Danville'].map((city) => ({ address: { city } })) },
    ]);
    expect(treatment.locations).toHaveLength(4);
  });

  it('lists the four Kentucky offices, without invented street addresses or phone numbers', async () => {
    const response = await app.graphql(`{
      locations(orderBy: { field: NAME, direction: ASC }) {
        totalCount
        edges { node { name timezone phone { e164 } address { line1 city state postalCode } geo { latitude longitude } } }
      }
    }`);

    expect(response.errors).toBeUndefined();
    expect(response.data.locations.totalCount).toBe(4);
    const offices = response.data.locations.edges.map((edge: { node: any }) => edge.node);
    expect(offices.map((office: any) => office.address.city).sort()).toEqual(['Cynthiana', 'Danville', 'Lexington', 'Maysville']);
    for (const office of offices) {
      expect(office).toMatchObject({ timezone: 'America/New_York', phone: null, address: { line1: null, state: 'KY', postalCode: null } });
      expect(office.geo.latitude).toBeGreaterThan(37);
      expect(office.geo.latitude).toBeLessThan(39);
    }
  });

  it('says every demo office has unknown hours (the practice publishes none), never closed', async () => {
    const response = await app.graphql(`{ locations { edges { node { name openNow openStatus { state isOpen label } openingHours { closed } } } } }`);
    expect(response.errors).toBeUndefined();
    for (const { node } of response.data.locations.edges) {
      expect(node).toMatchObject({ openNow: null, openStatus: { state: 'UNKNOWN', isOpen: null, label: 'Call for hours' } });
      expect(node.openingHours.every((day: { closed: boolean | null }) => day.closed === null)).toBe(true);
    }
  });

  it('lists Dr. Bux with "more than 20 years" of experience (no invented start year), Lexington as the main office', async () => {
    const response = await app.graphql(`{
      providers { totalCount edges { node {
        displayName practiceStartYear experienceMinimumYears yearsOfExperience experienceLabel specialties { code } primaryLocation { address { city } }
      } } }
    }`);

    expect(response.errors).toBeUndefined();
    expect(response.data.providers.totalCount).toBe(1);
    const provider = response.data.providers.edges[0].node;
    expect(provider.displayName).toBe('Anjum Bux, MD');
    expect(provider).toMatchObject({ practiceStartYear: null, experienceMinimumYears: 20, yearsOfExperience: null, experienceLabel: 'More than 20 years' });
    expect(provider.specialties.map((specialty: { code: string }) => specialty.code)).toEqual(['207LP2900X', '207L00000X']);
    expect(provider.primaryLocation.address.city).toBe('Lexington');
  });

  it('publishes the practice', async () => {
    const response = await app.graphql('{ practice { name } }');
    expect(response.errors).toBeUndefined();
    expect(response.data.practice).toEqual({ name: 'Bux Pain Management' });
  });

  it('changes nothing and duplicates nothing when the upsert runs twice more', async () => {
    const loader = new DemoContentLoader(app.dataSource);
    const countsBefore = await rowCounts(app.dataSource);
    const statesBefore = await documentStates(app.dataSource);

    const first = await loader.upsert();
    const second = await loader.upsert();

    expect(await rowCounts(app.dataSource)).toEqual(countsBefore);
    expect(await documentStates(app.dataSource)).toEqual(statesBefore);
    for (const summary of [first, second]) {
      expect(summary.documents).toEqual({ created: 0, updated: 0, unchanged: 20 });
      expect(summary.links).toEqual({ created: 0, updated: 0, unchanged: 22 });
    }
  });

  it('never overwrites a document someone edited (or its relations), reports it, and audits what it writes', async () => {
    const editorId = '5b0a3f9e-7d2c-4c1e-9a55-2f8d9c0e1a11';
    const [{ summary: originalSummary }] = await app.dataSource.query(`SELECT summary FROM conditions WHERE slug = 'back-pain'`);
    await app.dataSource.query(`UPDATE conditions SET summary = 'An editor wrote this.', updated_by = $1 WHERE slug = 'back-pain'`, [editorId]);
    await app.dataSource.query(`UPDATE treatments SET title = 'Pump Therapy', updated_by = $1 WHERE slug = 'intrathecal-therapy'`, [editorId]);
    await app.dataSource.query(
      `UPDATE treatment_conditions SET position = 99 WHERE treatment_id = (SELECT id FROM treatments WHERE slug = 'intrathecal-therapy') AND position = 0`,
    );

    const summary = await new DemoContentLoader(app.dataSource).upsert();

    expect(summary.skipped).toEqual(['Condition "back-pain"', 'Treatment "intrathecal-therapy"']);
    expect(summary.documents).toMatchObject({ created: 0, updated: 0 });
    const [condition] = await app.dataSource.query(`SELECT summary FROM conditions WHERE slug = 'back-pain'`);
    expect(condition.summary).toBe('An editor wrote this.');
    const [treatment] = await app.dataSource.query(`SELECT title FROM treatments WHERE slug = 'intrathecal-therapy'`);
    expect(treatment.title).toBe('Pump Therapy');
    const positions = await app.dataSource.query(`SELECT max(position) AS max FROM treatment_conditions`);
    expect(positions[0].max).toBe(99);
    // As the demo wrote them, for the tests below.
    await app.dataSource.query(`UPDATE conditions SET updated_by = NULL, summary = $1 WHERE slug = 'back-pain'`, [originalSummary]);
    await app.dataSource.query(`UPDATE treatments SET updated_by = NULL, title = 'Intrathecal Therapy' WHERE slug = 'intrathecal-therapy'`);
    await app.dataSource.query(`UPDATE treatment_conditions SET position = 0 WHERE position = 99`);
  });

  it('skips a document with a pending draft', async () => {
    const [faq] = await app.dataSource.query(`SELECT id, answer FROM faqs ORDER BY slug LIMIT 1`);
    await app.dataSource.query(`UPDATE faqs SET answer = 'changed outside the app' WHERE id = $1`, [faq.id]);
    await app.dataSource.query(
      `INSERT INTO revisions (document_type, document_id, kind, version, snapshot) VALUES ('FAQ', $1, 'DRAFT', 99, '{"fields": {}, "relations": {}}')`,
      [faq.id],
    );
    const summary = await new DemoContentLoader(app.dataSource).upsert();
    expect(summary.skipped).toHaveLength(1);
    expect(summary.skipped[0]).toMatch(/^Faq "/);
    await app.dataSource.query(`DELETE FROM revisions WHERE document_id = $1 AND kind = 'DRAFT'`, [faq.id]);
    await app.dataSource.query(`UPDATE faqs SET answer = $2 WHERE id = $1`, [faq.id, faq.answer]);
  });

  it('puts back a demo document nobody edited (older demo content), bumping its version and auditing it, and loads nothing into a database that has a practice', async () => {
    await app.dataSource.query(`UPDATE treatments SET title = 'Pump Therapy', status = 'DRAFT' WHERE slug = 'intrathecal-therapy'`);
    await app.dataSource.query(`UPDATE treatment_conditions SET position = 99 WHERE position = 0`);
    const [{ version: versionBefore }] = await app.dataSource.query(`SELECT version FROM treatments WHERE slug = 'intrathecal-therapy'`);

    const summary = await new DemoContentLoader(app.dataSource).upsert();

    expect(summary.documents).toMatchObject({ created: 0, updated: 1 });
    expect(summary.links).toMatchObject({ created: 0, updated: 1 });
    const [treatment] = await app.dataSource.query(`SELECT title, status, version FROM treatments WHERE slug = 'intrathecal-therapy'`);
    expect(treatment).toEqual({ title: 'Intrathecal Therapy', status: 'PUBLISHED', version: versionBefore + 1 });
    const audit = await app.dataSource.query(
      `SELECT action, actor_kind, after FROM audit_log WHERE action = 'seedUpdate' AND document_id = (SELECT id FROM treatments WHERE slug = 'intrathecal-therapy')`,
    );
    expect(audit).toEqual([{ action: 'seedUpdate', actor_kind: 'SYSTEM', after: { slug: 'intrathecal-therapy', fields: ['title'] } }]);
    expect(await new DemoContentLoader(app.dataSource).loadIfEmpty()).toBe(false);
    expect(await app.dataSource.getRepository(Practice).count()).toBe(1);
  });

  it('refuses to load the demo beside another practice, and writes nothing', async () => {
    const other = await app.dataSource.getRepository(Practice).save({ slug: 'another-practice', name: 'Another Practice' });
    await app.dataSource.query(`UPDATE conditions SET summary = 'edited' WHERE slug = 'back-pain'`);
    const countsBefore = await rowCounts(app.dataSource);

    await expect(new DemoContentLoader(app.dataSource).upsert()).rejects.toThrow('already holds the practice "Another Practice"');

    expect(await rowCounts(app.dataSource)).toEqual(countsBefore);
    const [condition] = await app.dataSource.query(`SELECT summary FROM conditions WHERE slug = 'back-pain'`);
    expect(condition.summary).toBe('edited');
    await app.dataSource.getRepository(Practice).delete(other.id);
  });
});
