import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CacheTags, recordDocumentsRead, recordRead } from '../common/cache-tags';
import { KeysetPage } from '../common/pagination/keyset-pagination';
import { documentSortKeys, keysetSort, whereTextMatches } from '../content/document-lists';
import { DocumentKey, DocumentQueries } from '../content/documents/document-queries';
import { DocumentType, Stage } from '../content/documents/document-status';
import { MAX_PAGE_SIZE } from '../content/documents/connection.args';
import { overlayDrafts } from '../content/documents/draft-overlay';
import { DocumentSelection } from '../content/loaders/document-selection';
import { NoticeKind, REQUIRED_NOTICE_KINDS } from './notice-kind.enums';
import { NOTICE_TYPE } from './notice.descriptor';
import { Notice } from './notice.entity';
import { NoticeOrderField, NoticesArgs } from './notice.inputs';
import { NoticeComplianceModel } from './notice.model';

/** Public reads of notices, and which required notices the site lacks. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly documents: DocumentQueries,
    private readonly dataSource: DataSource,
  ) {}

  findOne(key: DocumentKey, stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<Notice | null> {
    return this.documents.findOne(Notice, DocumentType.NOTICE, key, 'notice', stage, selection);
  }

  list(args: NoticesArgs, stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<KeysetPage<Notice>> {
    const query = this.documents.visible(Notice, 'notice', stage);
    const filter = args.filter ?? {};
    if (filter.kind) query.andWhere('notice.kind = :kind', { kind: filter.kind });
    if (filter.text) whereTextMatches(query, NOTICE_TYPE, filter.text);
    const keys = documentSortKeys(NOTICE_TYPE, 'notice', args.orderBy?.field ?? NoticeOrderField.TITLE)!;
    return this.documents.paginate(query, args, keysetSort(keys, args.orderBy?.direction), stage, selection);
  }

  /**
   * The practice's notices at `stage` (a site has a handful; at most MAX_PAGE_SIZE), required kinds
   * first in their order, then by title; at DRAFT with their pending drafts, in the drafts' order.
   */
  async forPractice(stage: Stage): Promise<Notice[]> {
    const kindOrder: string[] = [...REQUIRED_NOTICE_KINDS, NoticeKind.OTHER];
    const notices = await this.documents
      .visible(Notice, 'notice', stage)
      .orderBy(`array_position(ARRAY[${kindOrder.map((kind) => `'${kind}'`).join(', ')}]::varchar[], notice.kind)`)
      .addOrderBy('lower(notice.title)')
      .addOrderBy('notice.id')
      .take(MAX_PAGE_SIZE)
      .getMany();
    recordDocumentsRead(notices);
    if (stage !== Stage.DRAFT) return notices;
    // A draft may change a notice's kind or title.
    return (await overlayDrafts(this.dataSource.manager, notices)).sort(
      (a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.title.toLowerCase().localeCompare(b.title.toLowerCase()),
    );
  }

  /** Required kinds without a notice outside the trash, and those whose notices are all drafts. */
  async compliance(): Promise<NoticeComplianceModel> {
    recordRead(CacheTags.list(NOTICE_TYPE.table));
    const rows: { kind: NoticeKind; published: boolean }[] = await this.dataSource
      .getRepository(Notice)
      .createQueryBuilder('notice')
      .select('notice.kind', 'kind')
      .addSelect(`bool_or(notice.status = 'PUBLISHED')`, 'published')
      .where('notice.deleted_at IS NULL')
      .groupBy('notice.kind')
      .getRawMany();
    const published = new Map(rows.map((row) => [row.kind, row.published]));
    const missingNotices = REQUIRED_NOTICE_KINDS.filter((kind) => !published.has(kind));
    const unpublishedNotices = REQUIRED_NOTICE_KINDS.filter((kind) => published.get(kind) === false);
    return { missingNotices, unpublishedNotices, complete: missingNotices.length === 0 && unpublishedNotices.length === 0 };
  }
}
