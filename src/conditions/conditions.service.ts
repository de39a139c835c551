import { Injectable } from '@nestjs/common';
import { DocumentSelection } from '../content/loaders/document-selection';
import { DocumentKey, DocumentQueries } from '../content/documents/document-queries';
import { DocumentType, Stage } from '../content/documents/document-status';
import { KeysetPage } from '../common/pagination/keyset-pagination';
import { Condition } from './condition.entity';
import { ConditionOrderField, ConditionsArgs } from './condition.inputs';
import { CONDITION_TREATMENTS } from '../treatments/treatment.descriptor';
import { whereRelatedSlugs } from '../content/relation-filters';
import { documentSortKeys, keysetSort, whereTextMatches } from '../content/document-lists';
import { CONDITION_TYPE } from './condition.descriptor';

/** Public reads of conditions. */
@Injectable()
export class ConditionsService {
  constructor(private readonly documents: DocumentQueries) {}

  findOne(key: DocumentKey, stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<Condition | null> {
    return this.documents.findOne(Condition, DocumentType.CONDITION, key, 'condition', stage, selection);
  }

  async list(args: ConditionsArgs, stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<KeysetPage<Condition>> {
    const query = this.documents.visible(Condition, 'condition', stage);
    const filter = args.filter ?? {};
    const slugFilters = whereRelatedSlugs(query, { 'filter.treatment': [CONDITION_TREATMENTS, filter.treatment] });
    if (filter.bodyRegion) query.andWhere('condition.body_region = :bodyRegion', { bodyRegion: filter.bodyRegion });
    if (filter.text) whereTextMatches(query, CONDITION_TYPE, filter.text);
    const keys = documentSortKeys(CONDITION_TYPE, 'condition', args.orderBy?.field ?? ConditionOrderField.NAME)!;
    return this.documents.paginate(query, args, keysetSort(keys, args.orderBy?.direction), stage, selection, slugFilters);
  }
}
