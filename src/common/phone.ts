import { Field, ObjectType } from '@nestjs/graphql';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

@ObjectType({ description: 'A phone number, stored in E.164 and shown in national format.' })
export class PhoneNumber {
  @Field(() => String, { description: 'E.164 form, for tel: links and machines ("+18595550100").' })
  e164: string;

  @Field(() => String, { description: 'National display form ("(859) 555-0100").' })
  display: string;

  @Field(() => String, { description: 'A ready-made tel: URI ("tel:+18595550100").' })
  uri: string;
}

/** The E.164 form of a phone number written any common US way, or null when it is not a valid number. */
export function normalizePhone(input: string, defaultCountry: 'US' = 'US'): string | null {
  const parsed = parsePhoneNumberFromString(input, defaultCountry);
  return parsed && parsed.isValid() ? parsed.number : null;
}

export function phoneNumberOf(e164: string | null | undefined): PhoneNumber | null {
  if (!e164) return null;
  const parsed = parsePhoneNumberFromString(e164);
  return { e164, display: parsed ? parsed.formatNational() : e164, uri: `tel:${e164}` };
}
