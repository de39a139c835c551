import { Injectable } from '@nestjs/common';
import { DocumentSelection } from '../content/loaders/document-selection';
import { DocumentKey, DocumentQueries } from '../content/documents/document-queries';
import { DocumentType, Stage } from '../content/documents/document-status';
import { KeysetPage, SortKey } from '../common/pagination/keyset-pagination';
import { Location } from './location.entity';
import { LocationOrderField, LocationsArgs } from './location.inputs';
import { documentSortKeys, keysetSort } from '../content/document-lists';
import { LOCATION_TYPE } from './location.descriptor';

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle (haversine) distance in km from the point in :nearLat/:nearLng to the location. */
const DISTANCE_SQL = `(2 * ${EARTH_RADIUS_KM} * asin(sqrt(
  power(sin(radians(location.latitude - :nearLat) / 2), 2)
  + cos(radians(:nearLat)) * cos(radians(location.latitude)) * power(sin(radians(location.longitude - :nearLng) / 2), 2))))`;

export interface LocationPage extends KeysetPage<Location> {
  edges: { cursor: string; node: Location; distanceKm?: number | null }[];
}

/** Public reads of locations. */
@Injectable()
export class LocationsService {
  constructor(private readonly documents: DocumentQueries) {}

  findOne(key: DocumentKey, stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<Location | null> {
    return this.documents.findOne(Location, DocumentType.LOCATION, key, 'location', stage, selection);
  }

  async list(args: LocationsArgs, stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<LocationPage> {
    const query = this.documents.visible(Location, 'location', stage);
    const filter = args.filter ?? {};
    if (filter.city) query.andWhere('lower(location.city) = lower(:city)', { city: filter.city });
    if (filter.state) query.andWhere('location.state = :state', { state: filter.state });
    let keys: SortKey[];
    const near = filter.near;
    if (near) {
      query
        .andWhere('location.latitude IS NOT NULL AND location.longitude IS NOT NULL')
        .andWhere(`${DISTANCE_SQL} <= :radiusKm`, { nearLat: near.latitude, nearLng: near.longitude, radiusKm: near.radiusKm });
      keys = [{ expression: DISTANCE_SQL, kind: 'number' }];
    } else {
      const field = args.orderBy?.field ?? LocationOrderField.NAME;
      keys =
        field === LocationOrderField.CITY
          ? [
              // Two keys, not one concatenated string: "Paris Crossing" must not sort between two offices in "Paris".
              { expression: 'lower(location.city)', kind: 'text' },
              { expression: LOCATION_TYPE.sortName('location'), kind: 'text' },
            ]
          : documentSortKeys(LOCATION_TYPE, 'location', field)!;
    }
    const page = await this.documents.paginate(query, args, keysetSort(keys, near ? undefined : args.orderBy?.direction), stage, selection);
    return {
      ...page,
      edges: page.edges.map((edge) => ({ ...edge, distanceKm: near ? Math.round(Number(page.sortValues.get(edge.node)?.[0]) * 100) / 100 : null })),
    };
  }
}
