import { Injectable } from '@nestjs/common';
import { DocumentSelection } from '../content/loaders/document-selection';
import { DocumentQueries } from '../content/documents/document-queries';
import { DocumentType, Stage } from '../content/documents/document-status';
import { AppError } from '../common/errors/app-error';
import { KeysetPage } from '../common/pagination/keyset-pagination';
import { Provider } from './provider.entity';
import { ProviderLookupArgs, ProviderOrderField, ProvidersArgs } from './provider.inputs';
import { PROVIDER_LOCATIONS, PROVIDER_TYPE } from './provider.descriptor';
import { PROVIDER_TREATMENTS } from '../treatments/treatment.descriptor';
import { whereRelatedSlugs } from '../content/relation-filters';
import { documentSortKeys, keysetSort, whereTextMatches } from '../content/document-lists';

/** Public reads of providers. */
@Injectable()
export class ProvidersService {
  constructor(private readonly documents: DocumentQueries) {}

  async findOne(key: ProviderLookupArgs, stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<Provider | null> {
    const given = [key.id, key.slug, key.npi].filter((value) => value !== undefined && value !== null);
    if (given.length !== 1) throw AppError.badInput([{ path: 'npi', message: 'give exactly one of id, slug and npi' }]);
    if (key.npi)
      return this.documents.findFirst(this.documents.visible(Provider, 'provider', stage).andWhere('provider.npi = :npi', { npi: key.npi }), stage, selection);
    return this.documents.findOne(Provider, DocumentType.PROVIDER, key, 'provider', stage, selection);
  }

  async list(args: ProvidersArgs, stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<KeysetPage<Provider>> {
    const query = this.documents.visible(Provider, 'provider', stage);
    const filter = args.filter ?? {};
    const slugFilters = whereRelatedSlugs(query, {
      'filter.location': [PROVIDER_LOCATIONS, filter.location],
      'filter.treatment': [PROVIDER_TREATMENTS, filter.treatment],
    });
    if (filter.specialty) query.andWhere(':specialty = ANY(provider.specialties)', { specialty: filter.specialty });
    if (filter.language) {
      query.andWhere("EXISTS (SELECT 1 FROM unnest(provider.languages) l WHERE lower(l) = lower(:language) OR lower(l) LIKE lower(:language) || '-%')", {
        language: filter.language,
      });
    }
    if (filter.acceptingNewPatients !== undefined && filter.acceptingNewPatients !== null)
      query.andWhere('provider.accepting_new_patients = :accepting', { accepting: filter.acceptingNewPatients });
    query.andWhere('provider.active = :active', { active: filter.active ?? true });
    if (filter.text) whereTextMatches(query, PROVIDER_TYPE, filter.text);
    const keys = documentSortKeys(PROVIDER_TYPE, 'provider', args.orderBy?.field ?? ProviderOrderField.NAME)!;
    return this.documents.paginate(query, args, keysetSort(keys, args.orderBy?.direction), stage, selection, slugFilters);
  }
}
