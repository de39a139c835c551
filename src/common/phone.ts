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

/** Display forms by E.164 number: a practice has a handful of numbers, and formatting one is costly. */
const displayCache = new Map<string, string>();
const DISPLAY_CACHE_LIMIT = 5000;

function displayOf(e164: string): string {
  let display = displayCache.get(e164);
  if (display === undefined) {
    display = parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
    if (displayCache.size >= DISPLAY_CACHE_LIMIT) displayCache.delete(displayCache.keys().next().value as string);
    displayCache.set(e164, display);
  }
  return display;
}

export function phoneNumberOf(e164: string | null | undefined): PhoneNumber | null {
  if (!e164) return null;
  return { e164, display: displayOf(e164), uri: `tel:${e164}` };
}
