import { Permission, Role } from '../../src/auth/permissions';
import { contentTypeOf } from '../../src/content/document-descriptor';
import { SEARCHABLE_TYPES } from '../../src/search/search.args';
import { type SignedInUser } from '../factories/accounts.factory';
import { useTestApp } from '../support/use-test-app';
import { jsonBatch, sync } from '../sync/sync-helpers';

const SEARCH = `query($query: String!, $types: [DocumentType!], $first: Int, $after: String, $stage: Stage) {
  search(query: $query, types: $types, first: $first, after: $after, stage: $stage) {
    totalCount
    searchedFor
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      score
      snippet
      node {
        __typename
        ... on Treatment { slug title }
        ... on Condition { slug name }
        ... on Faq { slug question }
        ... on Provider { slug displayName }
        ... on Location { slug name }
      }
    }
  }
}`;

interface Hit {
  score: number;
  snippet: string | null;
  node: { __typename: string; slug: string; title?: string; name?: string; question?: string; displayName?: string };
}

/** "Condition herniated-discs": what a result is, as a test names it. */
const named = (hit: Hit) => `${hit.node.__typename} ${hit.node.slug}`;

describe('site search', () => {
  const app = useTestApp({ LOAD_DEMO_CONTENT: 'true' });
  let editor: SignedInUser;

  beforeAll(async () => {
    editor = await app.accounts.signedIn(Role.EDITOR);
  });

  const search = async (variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await app.graphql(SEARCH, variables, headers);
    if (response.errors) throw new Error(`expected results, got ${JSON.stringify(response.errors)}`);
    return response.data.search as {
      totalCount: number;
      searchedFor: string | null;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Hit[];
    };
  };
  const firstHit = async (query: string) => named((await search({ query })).edges[0]);
  const asEditor = (query: string, variables?: Record<string, unknown>) => app.graphql(query, variables, editor.headers);

  describe('in the demo content', () => {
    it('finds a condition by its alias: "CRPS"', async () => {
      expect(await firstHit('CRPS')).toBe('Condition complex-regional-pain-syndrome-crps');
      expect(await firstHit('reflex sympathetic dystrophy')).toBe('Condition complex-regional-pain-syndrome-crps');
    });

    it('finds "herniated disk" as herniated discs (a spelling variant and the plural)', async () => {
      const result = await search({ query: 'herniated disk' });
      expect(named(result.edges[0])).toBe('Condition herniated-discs');
      expect(result.searchedFor).toBeNull();
    });

    it('corrects "intrathecl pump" from the titles and finds intrathecal therapy first', async () => {
      const result = await search({ query: 'intrathecl pump' });
      expect(result.searchedFor).toBe('intrathecal pump');
      expect(named(result.edges[0])).toBe('Treatment intrathecal-therapy');
      // Its FAQs, which mention the pump too, follow the page itself.
      expect(result.edges.length).toBeGreaterThan(1);
      expect(result.edges.slice(1).map((edge) => edge.node.__typename)).toEqual(result.edges.slice(1).map(() => 'Faq'));
    });

    it('puts the document named by the words first for ordinary searches, whatever the case and accents', async () => {
      expect(await firstHit('neck pain')).toBe('Condition neck-pain');
      expect(await firstHit('Nèck PAIN')).toBe('Condition neck-pain');
      expect(await firstHit('back pain')).toBe('Condition back-pain');
      expect(await firstHit('spinal cord injury')).toBe('Condition spinal-cord-injuries');
      expect(await firstHit('Anjum Bux')).toBe('Provider anjum-bux');
      expect(await firstHit('lexington')).toBe('Location lexington-office');
      expect(await firstHit('intrathecal therapy')).toBe('Treatment intrathecal-therapy');
    });

    it('ranks by relevance and narrows to the types asked for', async () => {
      const all = await search({ query: 'pain', first: 50 });
      const scores = all.edges.map((edge) => edge.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(all.edges.map((edge) => edge.node.__typename)).toEqual(expect.arrayContaining(['Condition', 'Treatment', 'Faq', 'Provider']));

      const faqs = await search({ query: 'intrathecal', types: ['FAQ'] });
      expect(faqs.totalCount).toBe(5);
      expect(faqs.edges.every((edge) => edge.node.__typename === 'Faq')).toBe(true);
    });

    it('highlights the matched words in a snippet of the summary or body', async () => {
      const [hit] = (await search({ query: 'catheter', types: ['TREATMENT'] })).edges;
      expect(hit.snippet).toContain('<mark>catheter</mark>');
    });

    it('says when nothing matches, even after correcting', async () => {
      const result = await search({ query: 'xylophone quartz' });
      expect(result).toMatchObject({ totalCount: 0, edges: [], searchedFor: null, pageInfo: { hasNextPage: false } });
      // Stop words are ignored, not "corrected" into words that look like them ("the" → "therapy").
      expect(await search({ query: 'the' })).toMatchObject({ totalCount: 0, searchedFor: null });
    });

    it('pages with cursors, without repeats, and refuses a cursor of another search', async () => {
      const everything = await search({ query: 'pain', first: 50 });
      const first = await search({ query: 'pain', first: 3 });
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = await search({ query: 'pain', first: 3, after: first.pageInfo.endCursor });
      expect([...first.edges, ...second.edges].map(named)).toEqual(everything.edges.slice(0, 6).map(named));

      // A corrected search pages too: the cursor remembers the correction.
      const corrected = await search({ query: 'intrathecl', first: 2 });
      const next = await search({ query: 'intrathecl', first: 2, after: corrected.pageInfo.endCursor });
      expect(next.searchedFor).toBe('intrathecal');
      expect(next.edges.map(named)).not.toContain(named(corrected.edges[0]));

      const wrong = await app.graphql(SEARCH, { query: 'neck', after: first.pageInfo.endCursor });
      expect(wrong.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'after', message: 'is not a valid cursor for this list and order' }],
      });
    });
  });

  describe('limits', () => {
    it('refuses a query over 200 characters, a query without words, a page over 50 and a type it does not index', async () => {
      const long = await app.graphql(SEARCH, { query: 'pain '.repeat(41) });
      expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'query' })] });
      const blank = await app.graphql(SEARCH, { query: ' ?! ' });
      expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'query', message: 'must contain a letter or a digit' }] });
      const big = await app.graphql(SEARCH, { query: 'pain', first: 51 });
      expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'first' })] });
      const practice = await app.graphql(SEARCH, { query: 'pain', types: ['PRACTICE'] });
      expect(practice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'types' })] });
    });

    it('counts the cost of what each result selects, times `first`', async () => {
      const response = await app.graphql(`{
        search(query: "pain", first: 50) { edges { node { ... on Condition { treatments { conditions { treatments { title } } } } } } }
      }`);
      expect(response.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    });

    it('searches drafts only for editors', async () => {
      const anonymous = await app.graphql(SEARCH, { query: 'pain', stage: 'DRAFT' });
      expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('freshness', () => {
    it('has the index trigger on the table of every searchable type', async () => {
      const rows: { table: string }[] = await app.dataSource.query(
        `SELECT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'search_documents' ORDER BY 1`,
      );
      expect(rows.map((row) => row.table)).toEqual(SEARCHABLE_TYPES.map((type) => contentTypeOf(type).table).sort());
    });

    it('finds a document once it is published, and no longer once it is unpublished, trashed or renamed', async () => {
      const created = await asEditor(`mutation($input: CreateTreatmentInput!) { createTreatment(input: $input) { id version } }`, {
        input: { title: 'Radiofrequency Ablation', summary: 'Heat from radio waves <b>quiets</b> a painful nerve & its "signals" <script>alert(1)</script>' },
      });
      const { id } = created.data.createTreatment;
      const found = async (query: string, stage = 'PUBLISHED') =>
        (await search({ query, stage }, stage === 'DRAFT' ? editor.headers : {})).edges.map(named).filter((name) => name.startsWith('Treatment radio'));

      expect(await found('radiofrequency')).toEqual([]);
      expect(await found('radiofrequency', 'DRAFT')).toEqual(['Treatment radiofrequency-ablation']);

      const published = await asEditor(`mutation($input: DocumentVersionInput!) { publishTreatment(input: $input) { version } }`, {
        input: { id, version: 1 },
      });
      expect(await found('radiofrequency')).toEqual(['Treatment radiofrequency-ablation']);
      // ts_headline leaves HTML tags of the text out; everything else is escaped, and only the highlights are HTML.
      const [hit] = (await search({ query: 'quiets nerve', types: ['TREATMENT'] })).edges;
      expect(hit.snippet).toBe('Heat from radio waves  <mark>quiets</mark>  a painful <mark>nerve</mark> &amp; its &quot;signals');

      let version = published.data.publishTreatment.version;
      const renamed = await asEditor(`mutation($input: UpdateTreatmentInput!) { updateTreatment(input: $input) { version } }`, {
        input: { id, version, slug: 'rf-ablation' },
      });
      const republished = await asEditor(`mutation($input: DocumentVersionInput!) { publishTreatment(input: $input) { version } }`, {
        input: { id, version: renamed.data.updateTreatment.version },
      });
      version = republished.data.publishTreatment.version;
      expect((await search({ query: 'radiofrequency' })).edges.map(named)).toContain('Treatment rf-ablation');

      const unpublished = await asEditor(`mutation($input: DocumentVersionInput!) { unpublishTreatment(input: $input) { version } }`, {
        input: { id, version },
      });
      expect(unpublished.errors).toBeUndefined();
      expect((await search({ query: 'radiofrequency' })).totalCount).toBe(0);

      const trashed = await asEditor(`mutation($input: TrashDocumentInput!) { trashTreatment(input: $input) { id } }`, { input: { id } });
      expect(trashed.errors).toBeUndefined();
      expect((await search({ query: 'radiofrequency', stage: 'DRAFT' }, editor.headers)).totalCount).toBe(0);

      const restored = await asEditor(`mutation($input: DocumentIdInput!) { restoreTreatment(input: $input) { id } }`, { input: { id } });
      expect(restored.errors).toBeUndefined();
      expect((await search({ query: 'radiofrequency', stage: 'DRAFT' }, editor.headers)).edges.map(named)).toEqual(['Treatment rf-ablation']);
    });
    it('finds providers a sync creates', async () => {
      const key = { 'x-api-key': (await app.accounts.apiKey({ scopes: [Permission.PROVIDERS_SYNC] })).secret };
      expect((await search({ query: 'Calloway' })).totalCount).toBe(0);
      await sync(app, key, { source: 'credentialing', ...jsonBatch() });
      expect(named((await search({ query: 'Ruth Calloway' })).edges[0])).toBe('Provider ruth-calloway');
    });
  });
});
