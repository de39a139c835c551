import { Condition } from '../../src/conditions/condition.entity';
import { DocumentStatus } from '../../src/content/documents/document-status';
import { Faq } from '../../src/faqs/faq.entity';
import { Location } from '../../src/locations/location.entity';
import { Practice } from '../../src/practice/practice.entity';
import { Provider } from '../../src/providers/provider.entity';
import {
  clinicJsonLd,
  conditionPageJsonLd,
  type Linked,
  type NodeExtras,
  organizationJsonLd,
  physicianJsonLd,
  questionJsonLd,
  treatmentPageJsonLd,
} from '../../src/structured-data/json-ld';
import { Treatment } from '../../src/treatments/treatment.entity';
import { Invasiveness } from '../../src/treatments/treatment.enums';
import { ancestorsOf, rangeOf, schemaOrgVocabulary, typesUsedIn, vocabularyViolations } from './schema-org-vocabulary';

const vocabulary = schemaOrgVocabulary();

function document<T extends object>(entity: new () => T, fields: Partial<T>): T {
  return Object.assign(new entity(), { id: '00000000-0000-4000-8000-000000000001', status: DocumentStatus.PUBLISHED, noindex: false, ...fields });
}

function linked<T>(value: T, url: string | null): Linked<T> {
  return { document: value, url };
}

// Every optional input filled in, so every property a builder can write is checked.
const office = document(Location, {
  slug: 'lexington-office',
  name: 'Lexington Office',
  description: 'On **Harrodsburg Road**.',
  addressLine1: '1000 Harrodsburg Rd',
  addressLine2: 'Suite 200',
  city: 'Lexington',
  state: 'KY',
  postalCode: '40503-1234',
  country: 'US',
  latitude: 38.0406,
  longitude: -84.5037,
  phone: '+18595550100;ext=12',
  fax: '+18595550101',
  email: 'lexington@example.com',
  timezone: 'America/New_York',
  openingHours: [
    { day: 'MONDAY', opens: '08:00', closes: '12:00' },
    { day: 'MONDAY', opens: '13:00', closes: '17:00' },
    { day: 'TUESDAY', opens: '08:00', closes: '12:00' },
    { day: 'FRIDAY', opens: '08:00', closes: '24:00' },
  ],
  hoursExceptions: [
    { date: '2026-12-25', closed: true, intervals: [], note: 'Christmas Day' },
    { date: '2026-12-24', closed: false, intervals: [{ opens: '08:00', closes: '12:00' }] },
    { date: '2020-01-01', closed: true, intervals: [] },
  ],
});
const provider = document(Provider, {
  slug: 'anjum-bux',
  firstName: 'Anjum',
  lastName: 'Bux',
  middleName: null,
  suffix: null,
  displayNameOverride: null,
  credentials: ['MD'],
  npi: '1245319599',
  specialties: ['207LP2900X', '208VP0014X', '2084N0400X', '999999999X'],
  languages: ['en', 'es'],
  bio: 'Dr. Bux *treats* pain.',
  phone: '+18595550100',
  acceptingNewPatients: true,
  active: true,
});
const practice = document(Practice, {
  slug: 'bux-pain-management',
  name: 'Bux Pain Management',
  description: 'Interventional pain management.',
  mainPhone: '+18595550100',
  npi: '1003000126',
  website: 'https://www.example.com',
  socialProfiles: [{ network: 'facebook', url: 'https://www.facebook.com/example' }],
});
const treatment = document(Treatment, {
  slug: 'intrathecal-therapy',
  title: 'Intrathecal Therapy',
  summary: 'A pump delivers medication.',
  body: 'Body.',
  invasiveness: Invasiveness.MINIMALLY_INVASIVE,
  preparation: 'Stop **blood thinners**.',
  followUp: 'Refills.',
  metaTitle: null,
  metaDescription: null,
});
const condition = document(Condition, {
  slug: 'back-pain',
  name: 'Back Pain',
  aliases: ['lumbago'],
  summary: 'Pain in the back.',
  symptoms: ['stiffness'],
  icd10Codes: ['M54.50'],
});
const faq = document(Faq, { slug: 'what-is-it', question: 'What is it?', answer: 'A **pump**.' });
const extras: NodeExtras = {
  images: ['https://cdn.example.com/hero.jpg'],
  review: { reviewedAt: new Date('2026-10-01T12:00:00Z'), reviewer: { name: 'Anjum Bux, MD', url: 'https://www.example.com/providers/anjum-bux' } },
};

const outputs = {
  treatment: treatmentPageJsonLd({
    treatment: linked(treatment, 'https://www.example.com/treatments/intrathecal-therapy'),
    conditions: [linked(condition, 'https://www.example.com/conditions/back-pain'), linked({ ...condition, id: 'c2', slug: 'other' } as Condition, null)],
    providers: [provider],
    faqs: [faq],
    extras,
  }),
  condition: conditionPageJsonLd({
    condition: linked(condition, null),
    treatments: [linked(treatment, 'https://www.example.com/treatments/intrathecal-therapy')],
    faqs: [faq],
    extras,
  }),
  physician: physicianJsonLd({ provider: linked(provider, 'https://www.example.com/providers/anjum-bux'), offices: [linked(office, null)], extras }),
  clinic: clinicJsonLd({
    office: linked(office, 'https://www.example.com/locations/lexington'),
    practice: linked(practice, 'https://www.example.com/'),
    providers: [provider],
    today: '2026-12-01',
    extras,
  }),
  organization: organizationJsonLd({ practice: linked(practice, 'https://www.example.com/'), offices: [linked(office, null)], providers: [provider], extras }),
  question: questionJsonLd(faq),
};

describe('the schema.org vocabulary the JSON-LD is checked against', () => {
  it('states the facts of DOMAIN.md (schema.org release 30)', () => {
    expect(rangeOf(vocabulary, 'MedicalCondition', 'possibleTreatment')?.sort()).toEqual(['Drug', 'DrugClass', 'LifestyleModification', 'MedicalTherapy']);
    expect([...ancestorsOf(vocabulary, 'MedicalTherapy')]).toEqual(expect.arrayContaining(['TherapeuticProcedure', 'MedicalProcedure']));
    expect(rangeOf(vocabulary, 'IndividualPhysician', 'practicesAt')).toEqual(['MedicalOrganization']);
    expect(rangeOf(vocabulary, 'IndividualPhysician', 'usNPI')).toEqual(['Text']);
    expect([...vocabulary.literals.get('MedicalProcedureType')!].filter((value) => !value.startsWith('https:'))).toEqual([
      'NoninvasiveProcedure',
      'PercutaneousProcedure',
    ]);
    expect(rangeOf(vocabulary, 'WebPage', 'lastReviewed')).toEqual(['Date']);
    expect(rangeOf(vocabulary, 'MedicalWebPage', 'reviewedBy')?.sort()).toEqual(['Organization', 'Person']);
    expect(vocabulary.literals.get('MedicalSpecialty')?.has('Anesthesia')).toBe(true);
    expect([...vocabulary.literals.get('MedicalSpecialty')!].some((value) => /pain/i.test(value))).toBe(false);
    expect(rangeOf(vocabulary, 'MedicalClinic', 'specialOpeningHoursSpecification')).toEqual(['OpeningHoursSpecification']);
    expect(rangeOf(vocabulary, 'OpeningHoursSpecification', 'validThrough')?.sort()).toEqual(['Date', 'DateTime']);
    expect(rangeOf(vocabulary, 'MedicalClinic', 'isAcceptingNewPatients')).toEqual(['Boolean']);
  });

  it('finds an unknown type, a property outside its domain and values outside a range', () => {
    expect(
      vocabularyViolations({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'PainClinic', name: 'x' },
          { '@type': 'IndividualPhysician', name: 'x', hospitalAffiliations: 'y', practicesAt: { '@type': 'Person', name: 'z' } },
          { '@type': 'MedicalCondition', possibleTreatment: { '@type': 'SurgicalProcedure', name: 'x' } },
          { '@type': 'MedicalTherapy', procedureType: 'SurgicalProcedure', relevantSpecialty: 'PainMedicine' },
          { '@type': 'MedicalClinic', isAcceptingNewPatients: 'yes', geo: { '@type': 'GeoCoordinates', latitude: true } },
        ],
      }),
    ).toEqual([
      '$.@graph[0]: @type "PainClinic" is not a schema.org class',
      '$.@graph[1].hospitalAffiliations: not a property of IndividualPhysician',
      '$.@graph[1].practicesAt: a Person is not in the range MedicalOrganization',
      '$.@graph[2].possibleTreatment: a SurgicalProcedure is not in the range Drug | DrugClass | LifestyleModification | MedicalTherapy',
      '$.@graph[3].procedureType: "SurgicalProcedure" is not in the range MedicalProcedureType',
      '$.@graph[3].relevantSpecialty: "PainMedicine" is not in the range MedicalSpecialty',
      '$.@graph[4].isAcceptingNewPatients: "yes" is not in the range Boolean',
      '$.@graph[4].geo.latitude: true is not in the range Number | Text',
    ]);
  });
});

describe('JSON-LD builders', () => {
  it.each(Object.entries(outputs))('%s uses only schema.org types and properties in their domains and ranges', (_name, output) => {
    expect(vocabularyViolations(output)).toEqual([]);
  });

  it('cover the types the issue names', () => {
    const used = new Set(Object.values(outputs).flatMap((output) => [...typesUsedIn(output)]));
    expect([...used].sort()).toEqual(
      [
        'Answer',
        'FAQPage',
        'GeoCoordinates',
        'IndividualPhysician',
        'MedicalClinic',
        'MedicalCode',
        'MedicalCondition',
        'MedicalOrganization',
        'MedicalSignOrSymptom',
        'MedicalTherapy',
        'MedicalWebPage',
        'OpeningHoursSpecification',
        'Person',
        'PostalAddress',
        'PropertyValue',
        'Question',
      ].sort(),
    );
  });

  it('groups weekly hours by interval and lists upcoming exceptions as special hours (closed: 00:00 to 00:00)', () => {
    expect(outputs.clinic).toMatchObject({
      openingHoursSpecification: [
        { '@type': 'OpeningHoursSpecification', dayOfWeek: ['Monday', 'Tuesday'], opens: '08:00', closes: '12:00' },
        { '@type': 'OpeningHoursSpecification', dayOfWeek: ['Monday'], opens: '13:00', closes: '17:00' },
        { '@type': 'OpeningHoursSpecification', dayOfWeek: ['Friday'], opens: '08:00', closes: '23:59' },
      ],
      specialOpeningHoursSpecification: [
        { '@type': 'OpeningHoursSpecification', opens: '08:00', closes: '12:00', validFrom: '2026-12-24', validThrough: '2026-12-24' },
        { '@type': 'OpeningHoursSpecification', opens: '00:00', closes: '00:00', validFrom: '2026-12-25', validThrough: '2026-12-25' },
      ],
      telephone: '+18595550100',
      isAcceptingNewPatients: true,
      medicalSpecialty: ['Anesthesia', 'Neurologic'],
      parentOrganization: { '@id': 'https://www.example.com/#organization' },
    });
  });

  it('gives an office without published hours no opening hours at all (unknown, not closed)', () => {
    const unknown = clinicJsonLd({
      office: linked({ ...office, openingHours: [], hoursExceptions: [] } as Location, null),
      practice: null,
      providers: [],
      today: '2026-12-01',
    });
    expect(unknown).not.toHaveProperty('openingHoursSpecification');
    expect(unknown).not.toHaveProperty('specialOpeningHoursSpecification');
    expect(unknown).not.toHaveProperty('isAcceptingNewPatients');
  });

  it('names the physician by NPI twice (usNPI and an identifier) and never claims a hospital affiliation', () => {
    expect(outputs.physician).toMatchObject({
      '@type': 'IndividualPhysician',
      usNPI: '1245319599',
      identifier: [{ '@type': 'PropertyValue', propertyID: 'NPI', value: '1245319599' }],
      practicesAt: [{ '@type': 'MedicalClinic', '@id': `urn:uuid:${office.id}` }],
    });
    expect(outputs.physician).not.toHaveProperty('hospitalAffiliation');
  });

  it('puts images on the nodes and the clinical review on the page', () => {
    const [page, therapy] = outputs.treatment['@graph'];
    expect(page).toMatchObject({
      image: ['https://cdn.example.com/hero.jpg'],
      lastReviewed: '2026-10-01',
      reviewedBy: { '@type': 'Person', name: 'Anjum Bux, MD', url: 'https://www.example.com/providers/anjum-bux' },
    });
    expect(therapy).toMatchObject({ '@type': 'MedicalTherapy', image: ['https://cdn.example.com/hero.jpg'], procedureType: 'PercutaneousProcedure' });
    expect(outputs.condition['@graph'][0]).toMatchObject({
      '@type': 'MedicalWebPage',
      lastReviewed: '2026-10-01',
      about: [{ '@id': `urn:uuid:${condition.id}` }],
    });
    expect(outputs.organization).toMatchObject({ logo: 'https://cdn.example.com/hero.jpg', sameAs: ['https://www.facebook.com/example'] });
  });
});
