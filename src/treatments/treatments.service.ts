import { Injectable } from '@nestjs/common';
import { DocumentSelection } from '../content/loaders/document-selection';
import { DocumentKey, DocumentQueries } from '../content/documents/document-queries';
import { DocumentType, Stage } from '../content/documents/document-status';
import { KeysetPage } from '../common/pagination/keyset-pagination';
import { Treatment } from './treatment.entity';
import { TreatmentOrderField, TreatmentsArgs } from './treatment.inputs';
import { TREATMENT_CONDITIONS, TREATMENT_LOCATIONS, TREATMENT_PROVIDERS } from './treatment.descriptor';
import { whereRelatedSlugs } from '../content/relation-filters';
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
    const slugFilters = whereRelatedSlugs(query, {
      'filter.condition': [TREATMENT_CONDITIONS, filter.condition],
      'filter.provider': [TREATMENT_PROVIDERS, filter.provider],
      'filter.location': [TREATMENT_LOCATIONS, filter.location],
    });
    if (filter.category) query.andWhere('lower(treatment.category) = lower(:category)', { category: filter.category });
    if (filter.text) whereTextMatches(query, TREATMENT_TYPE, filter.text);
    const keys = documentSortKeys(TREATMENT_TYPE, 'treatment', args.orderBy?.field ?? TreatmentOrderField.TITLE)!;
    return this.documents.paginate(query, args, keysetSort(keys, args.orderBy?.direction), stage, selection, slugFilters);
  }
}
