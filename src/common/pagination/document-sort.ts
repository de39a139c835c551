import { OrderDirection } from './order-direction';
import { KeysetSort, SortKey } from './keyset-pagination';

/** Sort keys every document type offers: by its name-like column, publish time or last change. */
export function documentSortKeys(alias: string, nameExpression: string): Record<'NAME' | 'PUBLISHED_AT' | 'UPDATED_AT', SortKey[]> {
  return {
    NAME: [{ expression: nameExpression, kind: 'text' }],
    PUBLISHED_AT: [{ expression: `coalesce(${alias}.published_at, ${alias}.created_at)`, kind: 'timestamp' }],
    UPDATED_AT: [{ expression: `${alias}.updated_at`, kind: 'timestamp' }],
  };
}

export function keysetSort(keys: SortKey[], direction: OrderDirection | undefined): KeysetSort {
  return { keys, direction: direction === OrderDirection.DESC ? 'DESC' : 'ASC' };
}
