import { Injectable } from '@nestjs/common';
import { DocumentSelection } from '../content/loaders/document-selection';
import { DocumentKey, DocumentQueries } from '../content/documents/document-queries';
import { DocumentType, Stage } from '../content/documents/document-status';
import { publicVisibility } from '../content/documents/visibility';
import { AppError } from '../common/errors/app-error';
import { KeysetPage, SortKey } from '../common/pagination/keyset-pagination';
import { Faq } from './faq.entity';
import { FaqOrderField, FaqsArgs } from './faq.inputs';
import { documentSortKeys, keysetSort, whereTextMatches } from '../content/document-lists';
import { FAQ_TYPE } from './faq.descriptor';

/** Tables of the pages FAQs can be placed on. */
const PAGE_TABLES: Partial<Record<DocumentType, string>> = {
  [DocumentType.TREATMENT]: 'treatments',
  [DocumentType.CONDITION]: 'conditions',
  [DocumentType.LOCATION]: 'locations',
  [DocumentType.PROVIDER]: 'providers',
  [DocumentType.PRACTICE]: 'practice',
};

/** Public reads of FAQs. */
@Injectable()
export class FaqsService {
  constructor(private readonly documents: DocumentQueries) {}

  findOne(key: DocumentKey, stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<Faq | null> {
    return this.documents.findOne(Faq, DocumentType.FAQ, key, 'faq', stage, selection);
  }

  async list(args: FaqsArgs, stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<KeysetPage<Faq>> {
    const query = this.documents.visible(Faq, 'faq', stage);
    const filter = args.filter ?? {};
    const page = filter.page;
    if (page) {
      const table = PAGE_TABLES[page.type];
      if (!table) throw AppError.badInput([{ path: 'filter.page.type', message: 'must be TREATMENT, CONDITION, LOCATION, PROVIDER or PRACTICE' }]);
      if (page.type !== DocumentType.PRACTICE && !page.slug)
        throw AppError.badInput([{ path: 'filter.page.slug', message: `is required for a ${page.type} page` }]);
      const owner =
        page.type === DocumentType.PRACTICE
          ? `SELECT o.id FROM ${table} o WHERE ${publicVisibility('o')}`
          : `SELECT o.id FROM ${table} o WHERE o.slug = :pageSlug AND ${publicVisibility('o')}`;
      query.innerJoin('faq_placements', 'placement', `placement.faq_id = faq.id AND placement.owner_type = :pageType AND placement.owner_id IN (${owner})`, {
        pageType: page.type,
        pageSlug: page.slug,
      });
    }
    if (filter.tag) query.andWhere(':tag = ANY(faq.tags)', { tag: filter.tag });
    if (filter.text) whereTextMatches(query, FAQ_TYPE, filter.text);

    const field = args.orderBy?.field ?? (page ? FaqOrderField.POSITION : FaqOrderField.QUESTION);
    if (field === FaqOrderField.POSITION && !page) throw AppError.badInput([{ path: 'orderBy.field', message: 'POSITION needs filter.page' }]);
    // POSITION is the page's own order; the others are every list's.
    const keys: SortKey[] =
      field === FaqOrderField.POSITION ? [{ expression: 'placement.position', kind: 'number' }] : documentSortKeys(FAQ_TYPE, 'faq', field)!;
    return this.documents.paginate(query, args, keysetSort(keys, args.orderBy?.direction), stage, selection);
  }
}
