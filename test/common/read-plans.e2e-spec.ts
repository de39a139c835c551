import { getIntrospectionQuery, type IntrospectionField, type IntrospectionObjectType, type IntrospectionQuery, type IntrospectionTypeRef } from 'graphql';
import { Role } from '../../src/auth/permissions';
import { DocumentType } from '../../src/content/documents/document-status';
import { BodyRegion } from '../../src/conditions/body-region.enums';
import { Invasiveness, TreatmentSetting } from '../../src/treatments/treatment.enums';
import { dataOf } from './expectations';
import { useTestApp } from '../support/use-test-app';

/**
 * Public reads fetch each document with the relations a query selects in one statement, reading
 * only the columns the selected fields need. Editors' DRAFT reads load whole rows through the
 * request loaders instead. For published documents without drafts both must answer the same, field
 * by field: a field whose column the public plan forgot would show up here as a difference.
 */
const DOCUMENT_TYPES = ['Treatment', 'Condition', 'Faq', 'Location', 'Provider', 'Practice'];
/** Editors-only fields, and values that depend on the minute the request runs in. */
// jsonLd reads its related documents through the request's loaders, not the read plan (its
// statements are counted in test/jsonld/json-ld.e2e-spec.ts); compliance is for editors only.
const SKIPPED_FIELDS = new Set(['editorial', 'localTime', 'jsonLd', 'compliance']);

function namedType(ref: IntrospectionTypeRef): { kind: string; name: string } {
  let current = ref as IntrospectionTypeRef & { ofType?: IntrospectionTypeRef; name?: string };
  while (current.ofType) current = current.ofType as typeof current;
  return { kind: current.kind, name: current.name ?? '' };
}

describe('public read plans answer like whole rows do', () => {
  const app = useTestApp({ QUERY_MAX_COST: '1000000000', QUERY_MAX_TOKENS: '100000' });
  let types: Map<string, IntrospectionObjectType>;
  let editor: Record<string, string>;
  const ids: Record<string, string> = {};

  /** Every field of a type that needs no argument, with sub-selections `depth` levels deep. */
  const selectionOf = (typeName: string, depth: number): string => {
    const type = types.get(typeName);
    if (!type) return '__typename';
    const fields = type.fields.filter(
      (field) => !SKIPPED_FIELDS.has(field.name) && field.args.every((arg) => arg.type.kind !== 'NON_NULL' || arg.defaultValue !== null),
    );
    return fields
      .map((field) => fieldSelection(field, depth))
      .filter(Boolean)
      .join(' ');
  };

  const fieldSelection = (field: IntrospectionField, depth: number): string => {
    const target = namedType(field.type);
    if (target.kind === 'SCALAR' || target.kind === 'ENUM') return field.name;
    if (target.kind === 'UNION' || target.kind === 'INTERFACE') return `${field.name} { __typename }`;
    if (depth <= 0 && DOCUMENT_TYPES.includes(target.name)) return '';
    return `${field.name} { ${selectionOf(target.name, depth - 1) || '__typename'} }`;
  };

  const rootOf = (typeName: string, stage: 'PUBLISHED' | 'DRAFT') =>
    typeName === 'Practice' ? `practice(stage: ${stage})` : `${typeName.charAt(0).toLowerCase()}${typeName.slice(1)}(id: "${ids[typeName]}", stage: ${stage})`;

  /** The same query read publicly and as an editor's draft view. */
  const bothStages = async (query: (stage: 'PUBLISHED' | 'DRAFT') => string) => {
    const published = await app.graphql(query('PUBLISHED'));
    const draft = await app.graphql(query('DRAFT'), undefined, editor);
    return { published: dataOf(published), draft: dataOf(draft), statements: published.sqlStatements };
  };

  beforeAll(async () => {
    // The selections below take every field of every type at once: far past the public query limits.
    const factory = app.content;
    editor = (await app.accounts.signedIn(Role.EDITOR)).headers;
    const introspection = dataOf(await app.graphql(getIntrospectionQuery())) as IntrospectionQuery;
    types = new Map(introspection.__schema.types.filter((type): type is IntrospectionObjectType => type.kind === 'OBJECT').map((type) => [type.name, type]));

    // Every field filled in, every relation populated, everything published.
    const office = await factory.location({
      name: 'Plan Office',
      description: 'An office.',
      addressLine1: '1 Main St',
      addressLine2: 'Suite 2',
      postalCode: '40502',
      latitude: 38.04,
      longitude: -84.5,
      phone: '+18592776100',
      fax: '+18592776101',
      email: 'office@example.com',
      parkingNotes: 'Free parking.',
      accessibilityNotes: 'Ramp at the front.',
      bookingUrl: 'https://example.com/book',
      openingHours: [{ day: 'MONDAY', opens: '08:00', closes: '17:00' }],
      hoursExceptions: [{ date: '2099-12-25', closed: true, note: 'Holiday' }],
      metaTitle: 'Office title',
      metaDescription: 'Office description',
      canonicalUrl: 'https://example.com/office',
      noindex: true,
    });

    const second = await factory.location({ name: 'Plan Office Two', phone: '+18592776102' });
    const provider = await factory.provider({
      prefix: 'Dr.',
      firstName: 'Plan',
      middleName: 'Q',
      lastName: 'Doctor',
      suffix: 'Jr.',
      credentials: ['MD', 'PhD'],
      title: 'Director',
      npi: '1245319599',
      specialties: ['208VP0014X'],
      boardCertifications: ['Anesthesiology'],
      education: [{ kind: 'RESIDENCY', institution: 'A Hospital', field: 'Anesthesiology', graduationYear: 2001 }],
      practiceStartYear: 2001,
      languages: ['en', 'es'],
      bio: 'A long **biography**.',
      acceptingNewPatients: true,
      bookingUrl: 'https://example.com/doctor',
    });
    await factory.providerLocations(provider, [office, second], 1);
    await factory.externalId(provider, 'https://example.com/ids', 'd-1');
    const condition = await factory.condition({
      name: 'Plan Condition',
      aliases: ['PC'],
      body: 'Condition **body**.',
      bodyRegion: BodyRegion.LOWER_BACK,
      symptoms: ['Ache'],
      icd10Codes: ['M54.50'],
    });

    const faq = await factory.faq({ question: 'Plan question?', answer: 'A plan *answer*.', tags: ['plans'] });
    const other = await factory.treatment({ title: 'Plan Related' });
    const treatment = await factory.treatment({
      title: 'Plan Treatment',
      body: 'Treatment **body**.',
      category: 'Plans',
      setting: TreatmentSetting.OUTPATIENT,
      invasiveness: Invasiveness.MINIMALLY_INVASIVE,
      anesthesia: 'Local',
      typicalDuration: 'An hour',
      preparation: 'Prepare.',
      recovery: 'Rest.',
      followUp: 'Visit.',
      risks: 'Few.',
      benefits: ['Relief'],
      trialAvailable: true,
      trialDetails: 'A trial.',
    });
    await factory.treatmentConditions(treatment, [condition]);
    await factory.treatmentProviders(treatment, [provider]);
    await factory.treatmentLocations(treatment, [office]);
    await factory.relatedTreatments(treatment, [other]);
    await factory.treatmentConditions(other, [condition]);
    const practice = await factory.practice({
      description: 'The practice.',
      mainPhone: '+18592776100',
      website: 'https://example.com',
      bookingUrl: 'https://example.com/book',
      specialty: 'Pain medicine',
      socialProfiles: [{ network: 'facebook', url: 'https://facebook.com/x' }],
    });
    for (const [ownerType, ownerId] of [
      [DocumentType.TREATMENT, treatment.id],
      [DocumentType.CONDITION, condition.id],
      [DocumentType.LOCATION, office.id],
      [DocumentType.PROVIDER, provider.id],
      [DocumentType.PRACTICE, practice.id],
    ] as const) {
      await factory.placeFaqs(ownerType, ownerId, [faq]);
    }
    Object.assign(ids, { Treatment: treatment.id, Condition: condition.id, Faq: faq.id, Location: office.id, Provider: provider.id, Practice: practice.id });
  });

  it.each(DOCUMENT_TYPES)('reads each field of a %s looked up by id as the whole row has it', async (typeName) => {
    for (const field of types.get(typeName)!.fields.filter((candidate) => !SKIPPED_FIELDS.has(candidate.name))) {
      const selection = fieldSelection(field, 2);
      if (!selection) continue;
      const { published, draft, statements } = await bothStages((stage) => `{ ${rootOf(typeName, stage)} { ${selection} } }`);
      expect({ field: field.name, value: Object.values(published)[0] }).toEqual({ field: field.name, value: Object.values(draft)[0] });
      // One statement for the document and its relations; provider external ids have their own loader.
      expect({ field: field.name, statements: statements <= 2 }).toEqual({ field: field.name, statements: true });
    }
  });

  it.each([
    ['Condition', 'conditions'],
    ['Faq', 'faqs'],
    ['Provider', 'providers'],
    ['Location', 'locations'],
    ['Treatment', 'relatedTreatments'],
  ])('reads each field of a %s reached through treatment.%s as the whole row has it', async (typeName, relation) => {
    for (const field of types.get(typeName)!.fields.filter((candidate) => !SKIPPED_FIELDS.has(candidate.name))) {
      const selection = fieldSelection(field, 1);
      if (!selection) continue;
      const { published, draft } = await bothStages((stage) => `{ treatment(id: "${ids.Treatment}", stage: ${stage}) { ${relation} { ${selection} } } }`);
      expect({ field: field.name, value: published.treatment[relation] }).toEqual({ field: field.name, value: draft.treatment[relation] });
    }
  });

  it('reads list nodes as whole rows, with every field at once', async () => {
    const { published, draft, statements } = await bothStages(
      (stage) => `{ treatments(first: 10, stage: ${stage}) { totalCount edges { cursor node { ${selectionOf('Treatment', 2)} } } } }`,
    );
    expect(published.treatments.edges.length).toBeGreaterThan(0);
    expect(published).toEqual(draft);
    expect(statements).toBeLessThanOrEqual(3);
  });

  it('gives two places that read the same relation of one document the columns both need', async () => {
    // The related treatment is read as a relation twice: once asking for its title, once for its body.
    const response = await app.graphql(`{
      treatment(id: "${ids.Treatment}") {
        relatedTreatments { title conditions { name } }
        alias: relatedTreatments { body { markdown } conditions { body { markdown } } }
      }
    }`);
    const { treatment } = dataOf(response);
    expect(treatment.relatedTreatments[0].title).toBe('Plan Related');
    expect(treatment.alias[0].body.markdown).toContain('Plan Related');
    expect(treatment.alias[0].conditions[0].body.markdown).toBe('Condition **body**.');
  });
});
