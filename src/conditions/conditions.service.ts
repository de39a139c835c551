import { Injectable } from '@nestjs/common';
import { DocumentSelection } from '../common/loaders/document-selection';
import { DocumentKey, DocumentQueries } from '../common/documents/document-queries';
import { DocumentType, Stage } from '../common/documents/document-status';
import { textSearchCondition, textSearchParameters } from '../common/documents/text-search';
import { documentSortKeys, keysetSort } from '../common/pagination/document-sort';
import { KeysetPage } from '../common/pagination/keyset-pagination';
import { Condition } from './condition.entity';
import { ConditionOrderField, ConditionsArgs } from './condition.inputs';
import { CONDITION_TREATMENTS } from '../treatments/treatment.descriptor';
import { relatedSlugCondition } from '../content/relation-filters';

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
    if (filter.treatment) query.andWhere(relatedSlugCondition(CONDITION_TREATMENTS, 'condition', 'treatmentSlug'), { treatmentSlug: filter.treatment });
    if (filter.bodyRegion) query.andWhere('condition.body_region = :bodyRegion', { bodyRegion: filter.bodyRegion });
    if (filter.text) {
      query.andWhere(
        textSearchCondition(['condition.name', "array_to_string(condition.aliases, ' ')"], ['condition.summary', "array_to_string(condition.symptoms, ' ')", 'condition.body'], 'text'),
        textSearchParameters('text', filter.text),
      );
    }
    const keys = documentSortKeys('condition', 'lower(condition.name)')[args.orderBy?.field === ConditionOrderField.NAME || !args.orderBy ? 'NAME' : args.orderBy.field];
    return this.documents.paginate(query, args, keysetSort(keys, args.orderBy?.direction), stage, selection);
  }
}
