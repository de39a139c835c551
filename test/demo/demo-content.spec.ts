import { NUCC_TAXONOMY_PATTERN } from '../../src/common/validation/nucc-taxonomy';
import { SLUG_PATTERN } from '../../src/common/slugify';
import { US_STATE_PATTERN } from '../../src/common/validation/us-address';
import { BodyRegion } from '../../src/conditions/body-region.enums';
import { DEMO_CONTENT } from '../../src/demo/demo-content';

const ICD_10_CM_PATTERN = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

describe('demo content data', () => {
  const documents = [
    DEMO_CONTENT.practice,
    ...DEMO_CONTENT.locations,
    ...DEMO_CONTENT.providers.map((provider) => provider.fields),
    ...DEMO_CONTENT.conditions,
    ...DEMO_CONTENT.faqs,
    ...DEMO_CONTENT.treatments.map((treatment) => treatment.fields),
  ];

  it('gives every document a valid slug, unique within its type', () => {
    for (const document of documents) expect(document.slug).toMatch(SLUG_PATTERN);
    for (const list of [DEMO_CONTENT.locations, DEMO_CONTENT.conditions, DEMO_CONTENT.faqs]) {
      expect(new Set(list.map((item) => item.slug)).size).toBe(list.length);
    }
  });

  it('uses well-formed codes: ICD-10-CM, NUCC taxonomy, US states, body regions', () => {
    for (const condition of DEMO_CONTENT.conditions) {
      for (const code of condition.icd10Codes ?? []) expect(code).toMatch(ICD_10_CM_PATTERN);
      expect(Object.values(BodyRegion)).toContain(condition.bodyRegion);
      expect(condition.symptoms?.length).toBeGreaterThan(0);
    }
    for (const provider of DEMO_CONTENT.providers) {
      for (const code of provider.fields.specialties ?? []) expect(code).toMatch(NUCC_TAXONOMY_PATTERN);
    }
    for (const location of DEMO_CONTENT.locations) expect(location.state).toMatch(US_STATE_PATTERN);
  });

  it('refers only to documents it defines', () => {
    const slugs = (list: { slug: string }[]) => new Set(list.map((item) => item.slug));
    const locations = slugs(DEMO_CONTENT.locations);
    const providers = slugs(DEMO_CONTENT.providers.map((provider) => provider.fields));
    const conditions = slugs(DEMO_CONTENT.conditions);
    const faqs = slugs(DEMO_CONTENT.faqs);
    for (const provider of DEMO_CONTENT.providers) {
      for (const slug of [...provider.locations, provider.primaryLocation]) expect(locations).toContain(slug);
    }
    for (const treatment of DEMO_CONTENT.treatments) {
      treatment.conditions.forEach((slug) => expect(conditions).toContain(slug));
      treatment.providers.forEach((slug) => expect(providers).toContain(slug));
      treatment.locations.forEach((slug) => expect(locations).toContain(slug));
      treatment.faqs.forEach((slug) => expect(faqs).toContain(slug));
    }
  });
});
