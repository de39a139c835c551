import { Treatment } from '../../src/treatments/treatment.entity';
import { type GraphQLResponse } from '../support/test-app';
import { dataOf, expectBadUserInput, expectNoLeaks } from './expectations';
import { useTestApp } from '../support/use-test-app';

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string; title: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE_QUERY = `query ($first: Int, $after: String, $orderBy: TreatmentOrder) {
  treatments(first: $first, after: $after, orderBy: $orderBy, filter: { category: "paging" }) {
    totalCount
    edges { cursor node { id title } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe('keyset pagination (treatments as the example)', () => {
  const app = useTestApp();
  const factory = app.content;
  let treatments: Treatment[];

  beforeAll(async () => {
    // Ten treatments with repeated titles, publish times and update times, so every order needs the id to break ties.
    const titles = ['Nerve Block', 'Nerve Block', 'Nerve Block', 'Ablation', 'ablation', 'Pump', 'Stimulator', 'Stimulator', 'Injection', 'Zeta'];
    treatments = [];
    for (const [index, title] of titles.entries()) {
      const treatment = await factory.treatment({
        title,
        slug: `paging-${index}`,
        category: 'paging',
        publishedAt: new Date(Date.UTC(2024, 0, 1 + (index % 3))),
      });
      // Microseconds: a cursor that rounded them to milliseconds would repeat or skip rows.
      await factory.setUpdatedAt(Treatment, treatment.id, `2024-06-0${1 + (index % 4)} 08:00:00.12345${index % 2}+00`);
      treatments.push(treatment);
    }
    await factory.treatment({ title: 'Not in this list', category: 'elsewhere' });
  });

  const page = async (variables: Record<string, unknown>): Promise<GraphQLResponse<{ treatments: Page }>> => app.graphql(PAGE_QUERY, variables);

  /** What the database says the order is, ties broken by id (text order of the UUID). */
  const expectedOrder = async (expression: string, direction: 'ASC' | 'DESC'): Promise<string[]> => {
    const rows: { id: string }[] = await app.dataSource.query(
      `SELECT id FROM treatments WHERE category = 'paging' ORDER BY ${expression} ${direction}, id ${direction}`,
    );
    return rows.map((row) => row.id);
  };

  describe.each([
    ['TITLE', 'lower(title)'],
    ['PUBLISHED_AT', 'coalesce(published_at, created_at)'],
    ['UPDATED_AT', 'updated_at'],
  ])('ordered by %s', (field, expression) => {
    it.each(['ASC', 'DESC'] as const)('walks every item exactly once, in order, three at a time (%s)', async (direction) => {
      const seen: string[] = [];
      let after: string | null = null;
      let requests = 0;
      for (;;) {
        const connection: Page = dataOf(await page({ first: 3, after, orderBy: { field, direction } })).treatments;
        requests += 1;
        expect(connection.totalCount).toBe(10);
        expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
        expect(connection.pageInfo.endCursor).toBe(connection.edges[connection.edges.length - 1]?.cursor ?? null);
        seen.push(...connection.edges.map((edge) => edge.node.id));
        if (!connection.pageInfo.hasNextPage) {
          expect(connection.edges.length).toBeGreaterThan(0);
          break;
        }
        expect(connection.edges).toHaveLength(3);
        after = connection.pageInfo.endCursor;
        expect(requests).toBeLessThan(10);
      }
      expect(requests).toBe(4);
      expect(new Set(seen).size).toBe(10);
      expect(seen).toEqual(await expectedOrder(expression, direction));
    });
  });

  it('continues after any edge cursor, not only the end cursor', async () => {
    const all: Page = dataOf(await page({ first: 10 })).treatments;
    const rest: Page = dataOf(await page({ first: 10, after: all.edges[4].cursor })).treatments;
    expect(rest.edges.map((edge) => edge.node.id)).toEqual(all.edges.slice(5).map((edge) => edge.node.id));
  });

  it('reports the last page and an empty page after it', async () => {
    const all: Page = dataOf(await page({ first: 10 })).treatments;
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const after = dataOf(await page({ first: 3, after: all.pageInfo.endCursor })).treatments;
    expect(after).toEqual({ totalCount: 10, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
  });

  it('returns 20 items by default', async () => {
    for (let index = 0; index < 12; index += 1) await factory.treatment({ title: `Default Size ${index}`, category: 'default-size' });
    const connection = dataOf(
      await app.graphql(`{ treatments(filter: { category: "default-size" }) { totalCount edges { node { id } } pageInfo { hasNextPage } } }`),
    ).treatments;
    expect(connection.totalCount).toBe(12);
    expect(connection.edges).toHaveLength(12);
    const all = dataOf(await app.graphql(`{ treatments { totalCount edges { node { id } } pageInfo { hasNextPage } } }`)).treatments;
    expect(all.totalCount).toBe(23);
    expect(all.edges).toHaveLength(20);
    expect(all.pageInfo.hasNextPage).toBe(true);
  });

  it('accepts first: 100', async () => {
    const connection = dataOf(await page({ first: 100 })).treatments;
    expect(connection.edges).toHaveLength(10);
  });

  it('with first: 0 returns no edges but the total, and says more follow', async () => {
    const connection = dataOf(await page({ first: 0 })).treatments;
    expect(connection).toEqual({ totalCount: 10, edges: [], pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });

  it.each([1000, 101, -1])('refuses first: %i as BAD_USER_INPUT naming the argument', async (first) => {
    const response = await page({ first });
    const error = expectBadUserInput(response, 'first');
    expect(error.extensions.fields?.find((field) => field.path === 'first')?.message).toMatch(/between 0 and 100/);
  });

  const firstCursor = async (orderBy?: Record<string, string>) => dataOf(await page({ first: 1, orderBy })).treatments.pageInfo.endCursor as string;

  it.each([
    ['not base64 JSON', 'garbage!!'],
    ['base64 of a non-array', Buffer.from('{"a":1}').toString('base64url')],
    ['base64 of the wrong shape', Buffer.from('["x", 1, 2, 3]').toString('base64url')],
    ['base64 of a string', Buffer.from('"hello"').toString('base64url')],
  ])('refuses a garbage cursor (%s) as BAD_USER_INPUT naming `after`', async (_name, after) => {
    expectBadUserInput(await page({ first: 3, after }), 'after');
  });

  it('treats an empty cursor as none', async () => {
    const connection = dataOf(await page({ first: 3, after: '' })).treatments;
    expect(connection.edges).toHaveLength(3);
    expect(connection.pageInfo.hasPreviousPage).toBe(false);
  });

  it.each([
    ['TITLE', 'PUBLISHED_AT'],
    ['PUBLISHED_AT', 'TITLE'],
    ['UPDATED_AT', 'PUBLISHED_AT'],
    ['PUBLISHED_AT', 'UPDATED_AT'],
  ])('refuses a cursor from the %s order in the %s order', async (from, to) => {
    const cursor = await firstCursor({ field: from, direction: 'ASC' });
    expectBadUserInput(await page({ first: 3, after: cursor, orderBy: { field: to, direction: 'ASC' } }), 'after');
  });

  it('refuses a cursor from the other direction', async () => {
    const cursor = await firstCursor({ field: 'TITLE', direction: 'ASC' });
    expectBadUserInput(await page({ first: 3, after: cursor, orderBy: { field: 'TITLE', direction: 'DESC' } }), 'after');
  });

  it('refuses a cursor from another list', async () => {
    const faq = await factory.faq({ question: 'Paging question?' });
    expect(faq.id).toBeDefined();
    const faqCursor = dataOf(await app.graphql(`{ faqs(first: 1) { pageInfo { endCursor } } }`)).faqs.pageInfo.endCursor;
    expectBadUserInput(await page({ first: 3, after: faqCursor }), 'after');
  });

  it('refuses a tampered cursor whose values do not fit the order', async () => {
    const cursor = await firstCursor({ field: 'PUBLISHED_AT', direction: 'ASC' });
    const [signature, , id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const forge = (values: unknown[]) => Buffer.from(JSON.stringify([signature, ...values])).toString('base64url');
    for (const values of [
      ['not a time', id],
      ['2024-02-31 00:00:00+00', id],
      [12, id],
      ['2024-01-01 00:00:00+00', 'not-a-uuid'],
      ['2024-01-01 00:00:00+00', '------------------------------------'],
    ]) {
      expectBadUserInput(await page({ first: 3, after: forge(values), orderBy: { field: 'PUBLISHED_AT', direction: 'ASC' } }), 'after');
    }
  });

  it('refuses a cursor for a title with a NUL character without failing', async () => {
    const cursor = await firstCursor();
    const [signature, , id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify([signature, 'a\u0000b', id])).toString('base64url');
    expectBadUserInput(await page({ first: 3, after: forged }), 'after');
  });

  it('never answers with a server error, a stack trace or SQL for bad paging arguments', async () => {
    const responses = [
      await page({ first: 1000 }),
      await page({ first: -1 }),
      await page({ first: 3, after: 'garbage' }),
      await page({ first: 3, after: await firstCursor({ field: 'TITLE', direction: 'ASC' }), orderBy: { field: 'UPDATED_AT', direction: 'DESC' } }),
      await app.graphql(`{ treatments(first: "ten") { totalCount } }`),
      await app.graphql(`{ treatments(first: 2147483648) { totalCount } }`),
    ];
    for (const response of responses) {
      expectNoLeaks(response);
      expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|node_modules|\.ts:\d+/);
    }
  });

  it('runs the same statements for the first page and a later one', async () => {
    const firstPage = await page({ first: 3 });
    const later = await page({ first: 3, after: dataOf(firstPage).treatments.pageInfo.endCursor });
    expect(later.sqlStatements).toBe(firstPage.sqlStatements);
    expect(treatments).toHaveLength(10);
  });
});
