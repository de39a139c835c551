import { registerEnumType } from '@nestjs/graphql';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesMap: { ASC: { description: 'Ascending: A to Z, oldest first, nearest first.' }, DESC: { description: 'Descending: Z to A, newest first.' } },
});
