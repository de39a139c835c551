import { ArgsType, Field, GraphQLISODateTime } from '@nestjs/graphql';
import { IsOptional, ValidateBy } from 'class-validator';

const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(9999, 11, 1);

/**
 * The DateTime scalar turns any string into a Date, an unreadable one into an Invalid Date, so the
 * instant is checked here; dates far outside the calendar would also break the 14-day search.
 */
function IsSupportedInstant(): PropertyDecorator {
  return ValidateBy({
    name: 'isSupportedInstant',
    validator: {
      validate: (value: unknown) => value instanceof Date && value.getTime() >= EARLIEST && value.getTime() <= LATEST,
      defaultMessage: () => 'must be an ISO 8601 date-time with a time zone, such as "2026-03-09T13:30:00Z", between the years 1900 and 9999',
    },
  });
}

@ArgsType()
export class OpenStatusArgs {
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'The instant to evaluate, ISO 8601 with a time zone ("2026-03-09T13:30:00Z"); now when omitted.',
  })
  @IsOptional()
  @IsSupportedInstant()
  at?: Date | null;
}
