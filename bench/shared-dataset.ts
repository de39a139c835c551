import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/**
 * Loads the shared benchmark data set (../shared/bench gen-data.mjs: `data-s<S>.json` in
 * BENCH_CACHE) into a database this project has migrated, so the project serves the same content
 * as the anchors. Integer ids become deterministic uuids; FAQs become placements on their page;
 * phones become E.164. Content rows are replaced; accounts and settings are kept.
 *
 *   node dist/bench/shared-dataset.js --scale 20 --db postgres://postgres@127.0.0.1:5432/cms_bench
 */
interface SharedDataset {
  treatments: { id: number; slug: string; status: string; title: string; summary: string; body: string; createdAt: string; publishedAt: string | null }[];
  conditions: { id: number; slug: string; status: string; name: string; summary: string; body: string; createdAt: string; publishedAt: string | null }[];
  faqs: {
    id: number;
    status: string;
    question: string;
    answer: string;
    createdAt: string;
    position: number;
    treatmentId?: number | null;
    conditionId?: number | null;
  }[];
  providers: { id: number; slug: string; status: string; name: string; credentials: string; bio: string; createdAt: string }[];
  locations: {
    id: number;
    slug: string;
    status: string;
    name: string;
    address: string;
    city: string;
    state: string;
    zip: string;
    phone: string;
    createdAt: string;
  }[];
  treatmentConditions: [number, number][];
  treatmentProviders: [number, number, number][];
  providerLocations: [number, number][];
}

const TYPE_DIGIT = { treatment: 1, condition: 2, faq: 3, provider: 4, location: 5 } as const;
const uuidOf = (type: keyof typeof TYPE_DIGIT, id: number) => `00000000-0000-4000-8${TYPE_DIGIT[type]}00-${String(id).padStart(12, '0')}`;
const statusOf = (status: string) => (status === 'published' ? 'PUBLISHED' : 'DRAFT');
const e164 = (phone: string) => `+1${phone.replace(/\D/g, '')}`;

export function sharedDatasetPath(scale: number): string {
  const cache = process.env.BENCH_CACHE ?? join(process.env.HOME ?? '/root', '.cache', 'cms-bench');
  return join(cache, 'data', `data-s${scale}.json`);
}

/** Generates the data set of `scale` with the shared harness's gen-data.mjs (in `sharedDir`) unless it is there already. */
export function ensureSharedDataset(scale: number, sharedDir: string): void {
  const path = sharedDatasetPath(scale);
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  const generated = spawnSync(process.execPath, [join(sharedDir, 'gen-data.mjs'), '--scale', String(scale), '--out', dirname(path)], { stdio: 'inherit' });
  if (generated.status !== 0) throw new Error('gen-data.mjs failed');
}

async function insertRows(client: Client, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const chunk = 500;
  for (let start = 0; start < rows.length; start += chunk) {
    const parameters: unknown[] = [];
    const tuples = rows.slice(start, start + chunk).map((row) => `(${row.map((value) => `$${parameters.push(value)}`).join(',')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`, parameters);
  }
}

export async function loadSharedDataset(url: string, scale: number): Promise<Record<string, number>> {
  const data = JSON.parse(readFileSync(sharedDatasetPath(scale), 'utf8')) as SharedDataset;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const table of [
      'faq_placements',
      'treatment_conditions',
      'treatment_providers',
      'treatment_locations',
      'related_treatments',
      'provider_locations',
      'provider_external_ids',
      'location_external_ids',
      'revisions',
      'slug_history',
      'faqs',
      'treatments',
      'conditions',
      'providers',
      'locations',
    ]) {
      await client.query(`DELETE FROM ${table}`);
    }
    const published = (status: string, at: string | null) => (status === 'published' ? at : null);
    await insertRows(
      client,
      'locations',
      [
        'id',
        'slug',
        'status',
        'name',
        'address_line1',
        'city',
        'state',
        'postal_code',
        'phone',
        'created_at',
        'updated_at',
        'published_at',
        'first_published_at',
      ],
      data.locations.map((row) => [
        uuidOf('location', row.id),
        row.slug,
        statusOf(row.status),
        row.name,
        row.address,
        row.city,
        row.state,
        row.zip,
        e164(row.phone),
        row.createdAt,
        row.createdAt,
        published(row.status, row.createdAt),
        published(row.status, row.createdAt),
      ]),
    );
    await insertRows(
      client,
      'providers',
      ['id', 'slug', 'status', 'first_name', 'last_name', 'credentials', 'bio', 'created_at', 'updated_at', 'published_at', 'first_published_at'],
      data.providers.map((row) => {
        const [first, ...rest] = row.name.split(' ');
        return [
          uuidOf('provider', row.id),
          row.slug,
          statusOf(row.status),
          first,
          rest.join(' '),
          row.credentials.split(/,\s*/),
          row.bio,
          row.createdAt,
          row.createdAt,
          published(row.status, row.createdAt),
          published(row.status, row.createdAt),
        ];
      }),
    );
    await insertRows(
      client,
      'treatments',
      ['id', 'slug', 'status', 'title', 'summary', 'body', 'created_at', 'updated_at', 'published_at', 'first_published_at'],
      data.treatments.map((row) => [
        uuidOf('treatment', row.id),
        row.slug,
        statusOf(row.status),
        row.title,
        row.summary,
        row.body,
        row.createdAt,
        row.createdAt,
        row.publishedAt,
        row.publishedAt,
      ]),
    );
    await insertRows(
      client,
      'conditions',
      ['id', 'slug', 'status', 'name', 'summary', 'body', 'created_at', 'updated_at', 'published_at', 'first_published_at'],
      data.conditions.map((row) => [
        uuidOf('condition', row.id),
        row.slug,
        statusOf(row.status),
        row.name,
        row.summary,
        row.body,
        row.createdAt,
        row.createdAt,
        row.publishedAt,
        row.publishedAt,
      ]),
    );
    await insertRows(
      client,
      'faqs',
      ['id', 'slug', 'status', 'question', 'answer', 'created_at', 'updated_at', 'published_at', 'first_published_at'],
      data.faqs.map((row) => [
        uuidOf('faq', row.id),
        `faq-${row.id}`,
        statusOf(row.status),
        row.question,
        row.answer,
        row.createdAt,
        row.createdAt,
        published(row.status, row.createdAt),
        published(row.status, row.createdAt),
      ]),
    );
    await insertRows(
      client,
      'faq_placements',
      ['faq_id', 'owner_type', 'owner_id', 'position'],
      data.faqs.map((row) => [
        uuidOf('faq', row.id),
        row.treatmentId ? 'TREATMENT' : 'CONDITION',
        row.treatmentId ? uuidOf('treatment', row.treatmentId) : uuidOf('condition', Number(row.conditionId)),
        row.position,
      ]),
    );
    await insertRows(
      client,
      'treatment_conditions',
      ['treatment_id', 'condition_id', 'position'],
      data.treatmentConditions.map(([treatment, condition], index) => [uuidOf('treatment', treatment), uuidOf('condition', condition), index]),
    );
    await insertRows(
      client,
      'treatment_providers',
      ['treatment_id', 'provider_id', 'position'],
      data.treatmentProviders.map(([treatment, provider, position]) => [uuidOf('treatment', treatment), uuidOf('provider', provider), position]),
    );
    const hasPrimary = new Set<number>();
    await insertRows(
      client,
      'provider_locations',
      ['provider_id', 'location_id', 'is_primary', 'position'],
      data.providerLocations.map(([provider, location], index) => {
        const primary = !hasPrimary.has(provider);
        hasPrimary.add(provider);
        return [uuidOf('provider', provider), uuidOf('location', location), primary, index];
      }),
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    const [counts] = (
      await client.query(
        'SELECT (SELECT count(*) FROM treatments)::int AS treatments, (SELECT count(*) FROM faqs)::int AS faqs, (SELECT count(*) FROM providers)::int AS providers',
      )
    ).rows;
    return counts;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  const argument = (name: string, fallback: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : fallback;
  };
  loadSharedDataset(argument('db', 'postgres://postgres@127.0.0.1:5432/cms_bench'), Number(argument('scale', '20'))).then(
    (counts) => console.log('loaded', JSON.stringify(counts)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
