import { Injectable } from '@nestjs/common';
import { DocumentSelection } from '../common/loaders/document-selection';
import { DocumentKey, DocumentQueries } from '../common/documents/document-queries';
import { DocumentType, Stage } from '../common/documents/document-status';
import { textSearchCondition, textSearchParameters } from '../common/documents/text-search';
import { documentSortKeys, keysetSort } from '../common/pagination/document-sort';
import { KeysetPage } from '../common/pagination/keyset-pagination';
import { Treatment } from './treatment.entity';
import { TreatmentOrderField, TreatmentsArgs } from './treatment.inputs';
import { TREATMENT_CONDITIONS, TREATMENT_LOCATIONS, TREATMENT_PROVIDERS } from './treatment.descriptor';
import { relatedSlugCondition } from '../content/relation-filters';

const SORT_FIELD = { [TreatmentOrderField.TITLE]: 'NAME', [TreatmentOrderField.PUBLISHED_AT]: 'PUBLISHED_AT', [TreatmentOrderField.UPDATED_AT]: 'UPDATED_AT' } as const;

/** Public reads of treatments. */
@Injectable()
export class TreatmentsService {
  constructor(private readonly documents: DocumentQueries) {}

  findOne(key: DocumentKey, stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<Treatment | null> {
    return this.documents.findOne(Treatment, DocumentType.TREATMENT, key, 'treatment', stage, selection);
  }

  async list(args: TreatmentsArgs, stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<KeysetPage<Treatment>> {
    const query = this.documents.visible(Treatment, 'treatment', stage);
    const filter = args.filter ?? {};
    if (filter.condition) query.andWhere(relatedSlugCondition(TREATMENT_CONDITIONS, 'treatment', 'conditionSlug'), { conditionSlug: filter.condition });
    if (filter.provider) query.andWhere(relatedSlugCondition(TREATMENT_PROVIDERS, 'treatment', 'providerSlug'), { providerSlug: filter.provider });
    if (filter.location) query.andWhere(relatedSlugCondition(TREATMENT_LOCATIONS, 'treatment', 'locationSlug'), { locationSlug: filter.location });
    if (filter.category) query.andWhere('lower(treatment.category) = lower(:category)', { category: filter.category });
    if (filter.text) query.andWhere(textSearchCondition(['treatment.title'], ['treatment.summary', 'treatment.body'], 'text'), textSearchParameters('text', filter.text));
    const keys = documentSortKeys('treatment', 'lower(treatment.title)')[SORT_FIELD[args.orderBy?.field ?? TreatmentOrderField.TITLE]];
    return this.documents.paginate(query, args, keysetSort(keys, args.orderBy?.direction), stage, selection);
  }
}
