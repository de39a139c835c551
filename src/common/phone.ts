import { Field, ObjectType } from '@nestjs/graphql';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

@ObjectType({ description: 'A phone number, stored in E.164 (with its extension, if any) and shown in national format.' })
export class PhoneNumber {
  @Field(() => String, { description: 'E.164 form of the number without its extension, for machines ("+18595550100").' })
  e164: string;

  @Field(() => String, { nullable: true, description: 'The extension to dial after the number ("123"), or null when there is none.' })
  extension: string | null;

  @Field(() => String, { description: 'National display form, with the extension when there is one ("(859) 555-0100", "(859) 555-0100 ext. 123").' })
  display: string;

  @Field(() => String, {
    description: 'A ready-made tel: URI (RFC 3966), with the extension when there is one ("tel:+18595550100", "tel:+18595550100;ext=123").',
  })
  uri: string;
}

/**
 * The stored form of a phone number written any common US way (or in international form): E.164,
 * followed by ";ext=123" (RFC 3966) when an extension is given ("x123", "ext. 123", "#123"), so
 * the extension is kept rather than dropped. Null when it is not a valid number.
 */
export function normalizePhone(input: string, defaultCountry: 'US' = 'US'): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.ext ? `${parsed.number};ext=${parsed.ext}` : parsed.number;
}

/** Read forms by stored number: a practice has a handful of numbers, and formatting one is costly. */
const readCache = new Map<string, PhoneNumber>();
const READ_CACHE_LIMIT = 5000;

function readFormOf(stored: string): PhoneNumber {
  let phone = readCache.get(stored);
  if (phone === undefined) {
    const parsed = parsePhoneNumberFromString(stored);
    phone = parsed
      ? { e164: parsed.number, extension: parsed.ext ?? null, display: parsed.formatNational(), uri: parsed.getURI() }
      : { e164: stored, extension: null, display: stored, uri: `tel:${stored}` };
    if (readCache.size >= READ_CACHE_LIMIT) readCache.delete(readCache.keys().next().value as string);
    readCache.set(stored, phone);
  }
  return phone;
}

/** The read form of a stored number (see normalizePhone), or null when there is none. */
export function phoneNumberOf(stored: string | null | undefined): PhoneNumber | null {
  if (!stored) return null;
  return { ...readFormOf(stored) };
}
