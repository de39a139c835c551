import { Injectable } from '@nestjs/common';
import { DocumentSelection } from '../content/loaders/document-selection';
import { DocumentKey, DocumentQueries } from '../content/documents/document-queries';
import { DocumentType, Stage } from '../content/documents/document-status';
import { KeysetPage } from '../common/pagination/keyset-pagination';
import { Treatment } from './treatment.entity';
import { TreatmentOrderField, TreatmentsArgs } from './treatment.inputs';
import { TREATMENT_CONDITIONS, TREATMENT_LOCATIONS, TREATMENT_PROVIDERS } from './treatment.descriptor';
import { relatedSlugCondition } from '../content/relation-filters';
import { documentSortKeys, keysetSort, whereTextMatches } from '../content/document-lists';
import { TREATMENT_TYPE } from './treatment.descriptor';

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
    if (filter.text) whereTextMatches(query, TREATMENT_TYPE, filter.text);
    const keys = documentSortKeys(TREATMENT_TYPE, 'treatment', args.orderBy?.field ?? TreatmentOrderField.TITLE)!;
    return this.documents.paginate(query, args, keysetSort(keys, args.orderBy?.direction), stage, selection);
  }
}
