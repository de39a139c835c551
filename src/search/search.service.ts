import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CacheTags, recordDocumentsRead, recordRead } from '../common/cache-tags';
import { AppError } from '../common/errors/app-error';
import { keysetCursors } from '../common/pagination/keyset-pagination';
import { type PageInfo } from '../common/pagination/connection.model';
import { contentTypeOf } from '../content/document-descriptor';
import { overlayDrafts } from '../content/documents/draft-overlay';
import { type DocumentType, Stage } from '../content/documents/document-status';
import { SEARCHABLE_TYPES, type SearchArgs } from './search.args';
import { type SearchWord, searchWords, tsqueryText } from './search-query';

/** A page of search results as the resolver returns it (SearchConnection). */
export interface SearchPage {
  edges: { cursor: string; node: object; score: number; snippet: string | null }[];
  pageInfo: PageInfo;
  totalCount: PromiseLike<number>;
  searchedFor: string | null;
}

/** Relevance by type: an FAQ is a part of a page, so the page itself ranks first for the same words. */
const TYPE_WEIGHT_SQL = "CASE WHEN d.document_type = 'FAQ' THEN 0.5 ELSE 1 END";
const SCORE_SQL = `ts_rank(d.vector, q.query)::float8 * ${TYPE_WEIGHT_SQL}`;

// Highlights come back between two control characters (taken out of the text first), so that the
// text can be HTML-escaped before they become <mark> tags.
const MARK_START = '\u0002';
const MARK_END = '\u0003';
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;
/**
 * ts_headline parses the whole text it is given (about 1 ms per 2,000 characters, for each result):
 * the summary and the start of the body are where a page says what it is about.
 */
const SNIPPET_SOURCE_CHARS = 1_000;

// The order of results: relevance, then id; the first cursor value names the search it belongs to.
const cursors = keysetCursors(
  [
    { expression: 'search.words', kind: 'text' },
    { expression: 'search.score', kind: 'number' },
    { expression: 'search.id', kind: 'uuid' },
  ],
  'DESC',
);

/** Shorter words are left out when unknown rather than corrected: three letters share too few trigrams with anything. */
const MIN_CORRECTED_LENGTH = 4;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** ts_headline's output as HTML: everything escaped, then the highlight markers made <mark> tags. */
export function snippetHtml(headline: string): string {
  return headline
    .replace(/[&<>"']/g, (character) => HTML_ESCAPES[character])
    .replaceAll(MARK_START, '<mark>')
    .replaceAll(MARK_END, '</mark>');
}

interface Search {
  tsquery: string;
  stage: Stage;
  types: DocumentType[];
  visibility: string;
  /** Names the search in cursors: a cursor of another search (or stage, or types) is refused. */
  key: string;
}

/**
 * Site search over `search_documents` (kept by triggers, see the SearchDocuments migration):
 * full-text with English stemming, accents ignored, synonyms from search-query.ts; ranked by
 * ts_rank over the weighted vector. When no document has every word as typed, unknown words are
 * corrected to the most similar word of a title (pg_trgm) and the search runs again.
 */
@Injectable()
export class SearchService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `countTotal`: the query selects totalCount, so the count starts beside the page statement (on
   * another pooled connection) instead of after it.
   */
  async search(args: SearchArgs, stage: Stage, { countTotal = false } = {}): Promise<SearchPage> {
    const words = searchWords(args.query);
    if (words.length === 0) throw AppError.badInput([{ path: 'query', message: 'must contain a letter or a digit' }]);
    const types = args.types?.length ? [...new Set(args.types)].sort() : [...SEARCHABLE_TYPES];
    // Which documents a search finds can change with any write to the types it covers.
    for (const type of types) recordRead(CacheTags.list(contentTypeOf(type).table));
    const visibility = stage === Stage.DRAFT ? 'NOT d.trashed' : "d.status = 'PUBLISHED' AND NOT d.trashed";
    const asTyped = this.describe(words, types, stage, visibility);

    if (args.after) {
      // The cursor says whether its search ran as typed or corrected; the correction is made again.
      const [key] = cursors.decode(args.after);
      if (key === asTyped.key) return this.page(asTyped, args, null, countTotal);
      const corrected = await this.correct(words, asTyped);
      if (corrected && corrected.search.key === key) return this.page(corrected.search, args, corrected.words, countTotal);
      throw AppError.badInput([{ path: 'after', message: 'is not a valid cursor for this list and order' }]);
    }
    const page = await this.page(asTyped, args, null, countTotal);
    if (page.edges.length > 0 || page.pageInfo.hasNextPage) return page;
    const corrected = await this.correct(words, asTyped);
    return corrected ? this.page(corrected.search, args, corrected.words, countTotal) : page;
  }

  private describe(words: readonly SearchWord[], types: DocumentType[], stage: Stage, visibility: string): Search {
    const tsquery = tsqueryText(words);
    const key = createHash('sha256')
      .update(JSON.stringify([tsquery, types, stage]))
      .digest('base64url')
      .slice(0, 16);
    return { tsquery, stage, types, visibility, key };
  }

  /**
   * The search with its unknown words (no visible document has them) replaced by the most similar
   * word of the titles and aliases (search_words, pg_trgm similarity, indexed) that a visible
   * document has, or left out when none is close; stop words count as known (the search ignores
   * them). Null when that changes nothing. One statement.
   */
  private async correct(words: readonly SearchWord[], search: Search): Promise<{ search: Search; words: string } | null> {
    const rows: { position: number; known: boolean; correction: string | null }[] = await this.dataSource.query(
      `SELECT w.position, k.known, c.correction
       FROM jsonb_to_recordset($1::jsonb) AS w(position integer, word text, tsquery text)
       CROSS JOIN LATERAL (SELECT numnode(to_tsquery('english', w.tsquery)) = 0 OR EXISTS (
         SELECT 1 FROM search_documents d WHERE d.vector @@ to_tsquery('english', w.tsquery) AND ${search.visibility} AND d.document_type = ANY($2)) AS known) k
       LEFT JOIN LATERAL (
         SELECT v.word AS correction FROM search_words v
         WHERE NOT k.known AND length(w.word) >= ${MIN_CORRECTED_LENGTH} AND v.word % w.word
           AND EXISTS (SELECT 1 FROM search_documents d WHERE d.vector @@ plainto_tsquery('english', v.word) AND ${search.visibility} AND d.document_type = ANY($2))
         ORDER BY similarity(v.word, w.word) DESC, v.word LIMIT 1) c ON true
       ORDER BY w.position`,
      [JSON.stringify(words.map((word, position) => ({ position, word: word.word, tsquery: tsqueryText([word]) }))), search.types],
    );
    const corrected = rows.flatMap((row) => (row.known ? [words[row.position].word] : row.correction ? [row.correction] : []));
    if (corrected.length === 0) return null;
    const correctedWords = searchWords(corrected.join(' '));
    const tsquery = tsqueryText(correctedWords);
    if (tsquery === search.tsquery) return null;
    return { search: this.describe(correctedWords, search.types, search.stage, search.visibility), words: correctedWords.map((word) => word.word).join(' ') };
  }

  private async page(search: Search, args: SearchArgs, searchedFor: string | null, countTotal: boolean): Promise<SearchPage> {
    let counted: Promise<number> | undefined;
    const count = async () => {
      const [row]: { count: number }[] = await this.dataSource.query(
        `SELECT count(*)::int AS count FROM search_documents d WHERE d.vector @@ to_tsquery('english', $1) AND ${search.visibility} AND d.document_type = ANY($2)`,
        [search.tsquery, search.types],
      );
      return row.count;
    };
    if (countTotal) {
      counted = count();
      // Awaited by totalCount; a failure of the page statement meanwhile must not leave it unhandled.
      counted.catch(() => undefined);
    }
    const parameters: unknown[] = [search.tsquery, search.types, args.first + 1, HEADLINE_OPTIONS, SNIPPET_SOURCE_CHARS];
    let after = '';
    if (args.after) {
      const [, score, id] = cursors.decode(args.after);
      parameters.push(score, id);
      after = `AND (${SCORE_SQL}, d.document_id) < ($6::float8, $7::uuid)`;
    }
    const rows: { id: string; type: DocumentType; score: number; snippet: string | null }[] = await this.dataSource.query(
      `SELECT page.document_id AS id, page.document_type AS type, page.score,
         CASE WHEN s.summary = '' AND s.body = '' THEN NULL ELSE
           ts_headline('english', translate(left(concat_ws(E'\\n', nullif(s.summary, ''), nullif(s.body, '')), $5), chr(2) || chr(3), ''), page.query, $4) END AS snippet
       FROM (
         SELECT d.document_id, d.document_type, q.query, ${SCORE_SQL} AS score
         FROM search_documents d, to_tsquery('english', $1) AS q(query)
         WHERE d.vector @@ q.query AND ${search.visibility} AND d.document_type = ANY($2) ${after}
         ORDER BY score DESC, d.document_id DESC
         LIMIT $3
       ) page
       JOIN search_documents s ON s.document_id = page.document_id
       ORDER BY page.score DESC, page.document_id DESC`,
      parameters,
    );
    const hasNextPage = rows.length > args.first;
    const found = rows.slice(0, args.first);
    const documents = await this.documents(found, args.stage);
    const edges = found.flatMap((row) => {
      const node = documents.get(row.id);
      if (!node) return [];
      const cursor = cursors.encode([search.key, Number(row.score), row.id]);
      return [{ cursor, node, score: Number(row.score), snippet: row.snippet === null ? null : snippetHtml(row.snippet) }];
    });
    return {
      edges,
      // Counted only when a query selects totalCount (GraphQL awaits the thenable), if not started already.
      totalCount: { then: (resolve, reject) => (counted ??= count()).then(resolve, reject) },
      searchedFor,
      pageInfo: {
        hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  /** The documents found, by id: one statement per type (side by side), drafts overlaid at DRAFT. */
  private async documents(found: { id: string; type: DocumentType }[], stage: Stage): Promise<Map<string, object & { id: string }>> {
    const byType = new Map<DocumentType, string[]>();
    for (const row of found) byType.set(row.type, [...(byType.get(row.type) ?? []), row.id]);
    const loaded = await Promise.all(
      [...byType].map(async ([type, ids]) => {
        const rows = await this.dataSource.getRepository(contentTypeOf(type).entity).findBy({ id: In(ids) });
        return stage === Stage.DRAFT ? overlayDrafts(this.dataSource.manager, rows) : rows;
      }),
    );
    const documents = new Map<string, object & { id: string }>();
    for (const rows of loaded) {
      recordDocumentsRead(rows);
      for (const row of rows) documents.set(row.id, row);
    }
    return documents;
  }
}
