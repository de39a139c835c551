import { type ContentType } from './document-descriptor';
import { refsAt, seoFields, type SeoInput, pickFields, type DocumentRefInput } from './editorial.inputs';
import { type ChangeRequest } from './editorial.types';

/**
 * The ChangeRequest of a create or update input: `fields` already mapped to entity property
 * names by the caller, SEO fields taken from `input.seo`, and each relation slot's list from
 * the input field the slot names (`conditions`, `faqs`, …), with paths for error messages.
 */
export function changeRequestFrom(
  contentType: ContentType,
  input: object,
  path: string,
  fields: Record<string, unknown>,
  primary: Record<string, DocumentRefInput | null | undefined> = {},
): ChangeRequest {
  const record = input as Record<string, unknown>;
  const request: ChangeRequest = {
    fields: { ...fields, ...pickFields(input, ['slug']), ...seoFields(record.seo as SeoInput | undefined) },
    relations: {},
    primary: {},
  };
  for (const slot of contentType.relations) {
    const refs = refsAt(record[slot.field] as DocumentRefInput[] | undefined, `${path}.${slot.field}`);
    if (refs) request.relations[slot.name] = refs;
  }
  for (const [slotName, ref] of Object.entries(primary)) {
    const field = contentType.relations.find((slot) => slot.name === slotName)?.primary?.field ?? 'primary';
    if (ref !== undefined) request.primary[slotName] = ref === null ? null : { ref, path: `${path}.${field}` };
  }
  return request;
}
