import type {
  Answer,
  DayOfWeek as SchemaDayOfWeek,
  FAQPageLeaf,
  GeoCoordinates,
  Graph,
  IndividualPhysicianLeaf,
  MedicalClinic,
  MedicalClinicLeaf,
  MedicalCode,
  MedicalCondition,
  MedicalConditionLeaf,
  MedicalOrganizationLeaf,
  MedicalProcedureType,
  MedicalTherapy,
  MedicalTherapyLeaf,
  MedicalWebPageLeaf,
  OpeningHoursSpecification,
  PersonLeaf,
  PostalAddress,
  PostalAddressLeaf,
  PropertyValue,
  Question,
  Thing,
  WithContext,
} from 'schema-dts';
import { htmlToText, renderMarkdownToHtml } from '../common/rich-text/render-markdown';
import { type Condition } from '../conditions/condition.entity';
import { type Faq } from '../faqs/faq.entity';
import { type Location } from '../locations/location.entity';
import { type DayOfWeek, hoursExceptionsFrom, weeklyHours } from '../locations/opening-hours';
import { type Practice } from '../practice/practice.entity';
import { type Provider } from '../providers/provider.entity';
import { displayNameOf } from '../providers/provider-names';
import { type Treatment } from '../treatments/treatment.entity';
import { Invasiveness } from '../treatments/treatment.enums';
import { medicalSpecialtiesOf } from './medical-specialties';

/**
 * schema.org JSON-LD of each document type, typed with schema-dts so that a property outside a
 * type's domain, or a value outside its range, does not compile. Builders are pure: the resolvers
 * hand them the document, its published related documents and the site URLs.
 */

export const SCHEMA_ORG_CONTEXT = 'https://schema.org';

/** The code system schema.org's MedicalCode names for ICD-10-CM codes. */
const ICD_10_CM = 'ICD-10-CM';

/**
 * A document as JSON-LD refers to it: its page's URL (null when the site has no page for the
 * type) and the `@id` its node has wherever it appears.
 */
export interface Linked<T> {
  document: T;
  url: string | null;
}

/**
 * What other features add to a document's node once they exist (images; clinical review).
 * Every builder takes them, so wiring a new source in is one line in the resolver.
 */
export interface NodeExtras {
  /** Absolute URLs of the document's images (hero image, photo, logo), most representative first. */
  images?: readonly string[];
  /** The last clinical review, for the page node (`lastReviewed`, `reviewedBy`). */
  review?: { reviewedAt: Date | string; reviewer: { name: string; url?: string | null } | null } | null;
}

/** The `@id` of a document's node: its page URL with a fragment, or the document's UUID as a URN when it has no page. */
export function nodeId(linked: Linked<{ id: string }>, fragment: string): string {
  return linked.url ? `${linked.url}#${fragment}` : `urn:uuid:${linked.document.id}`;
}

/** Plain text of a Markdown field (JSON-LD text properties are plain text). */
export function plainText(markdown: string | null | undefined): string | undefined {
  if (!markdown) return undefined;
  const text = htmlToText(renderMarkdownToHtml(markdown));
  return text === '' ? undefined : text;
}

/** A property's values, or nothing when there are none (an empty list says nothing in JSON-LD). */
function some<T>(values: readonly T[]): T[] | undefined {
  return values.length > 0 ? [...values] : undefined;
}

/** The object without its undefined properties, so the JSON has no empty keys. */
function compact<T extends object>(node: T): T {
  return Object.fromEntries(Object.entries(node).filter(([, value]) => value !== undefined)) as T;
}

function imageOf(extras: NodeExtras): string[] | undefined {
  return extras.images ? some(extras.images) : undefined;
}

/** `lastReviewed`/`reviewedBy` of a page node (properties of WebPage). */
function reviewOf(extras: NodeExtras): Pick<MedicalWebPageLeaf, 'lastReviewed' | 'reviewedBy'> {
  const review = extras.review;
  if (!review) return {};
  const reviewedAt = typeof review.reviewedAt === 'string' ? review.reviewedAt : review.reviewedAt.toISOString().slice(0, 10);
  const reviewer: PersonLeaf | undefined = review.reviewer
    ? compact<PersonLeaf>({ '@type': 'Person' as const, name: review.reviewer.name, url: review.reviewer.url ?? undefined })
    : undefined;
  return compact<Pick<MedicalWebPageLeaf, 'lastReviewed' | 'reviewedBy'>>({ lastReviewed: reviewedAt, reviewedBy: reviewer });
}

// ---------------------------------------------------------------------------------------------
// Offices and hours

const SCHEMA_DAY: Record<DayOfWeek, SchemaDayOfWeek> = {
  MONDAY: 'Monday',
  TUESDAY: 'Tuesday',
  WEDNESDAY: 'Wednesday',
  THURSDAY: 'Thursday',
  FRIDAY: 'Friday',
  SATURDAY: 'Saturday',
  SUNDAY: 'Sunday',
};

/** schema.org times are xsd:time; an opening to the end of the day closes at 23:59, as Google documents it. */
function schemaTime(time: string): string {
  return time === '24:00' ? '23:59' : time;
}

/**
 * The weekly hours, days with the same intervals grouped. An office without any published hours
 * gets none (not "closed every day"): its hours are unknown, and structured data must not claim
 * otherwise.
 */
export function openingHoursSpecificationOf(location: Pick<Location, 'openingHours'>): OpeningHoursSpecification[] | undefined {
  const week = weeklyHours(location.openingHours);
  if (week.every((day) => day.closed === null)) return undefined;
  const groups = new Map<string, { days: SchemaDayOfWeek[]; opens: string; closes: string }>();
  for (const day of week) {
    for (const interval of day.intervals) {
      const key = `${interval.opens}-${interval.closes}`;
      const group = groups.get(key) ?? { days: [], opens: schemaTime(interval.opens), closes: schemaTime(interval.closes) };
      group.days.push(SCHEMA_DAY[day.day]);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((group) => ({ '@type': 'OpeningHoursSpecification', dayOfWeek: group.days, opens: group.opens, closes: group.closes }));
}

/** Dated exceptions from `fromDate` on, as special opening hours: a closed date opens and closes at 00:00. */
export function specialOpeningHoursOf(location: Pick<Location, 'hoursExceptions'>, fromDate: string): OpeningHoursSpecification[] | undefined {
  const specifications = hoursExceptionsFrom(location.hoursExceptions, fromDate).flatMap((exception): OpeningHoursSpecification[] => {
    const dated = { validFrom: exception.date, validThrough: exception.date };
    if (exception.closed) return [{ '@type': 'OpeningHoursSpecification', opens: '00:00', closes: '00:00', ...dated }];
    return exception.intervals.map((interval) => ({
      '@type': 'OpeningHoursSpecification',
      opens: schemaTime(interval.opens),
      closes: schemaTime(interval.closes),
      ...dated,
    }));
  });
  return some(specifications);
}

function postalAddressOf(location: Location): PostalAddress {
  const street = [location.addressLine1, location.addressLine2].filter(Boolean).join(', ');
  return compact<PostalAddressLeaf>({
    '@type': 'PostalAddress' as const,
    streetAddress: street === '' ? undefined : street,
    addressLocality: location.city,
    addressRegion: location.state,
    postalCode: location.postalCode ?? undefined,
    addressCountry: location.country,
  });
}

function geoOf(location: Location): GeoCoordinates | undefined {
  if (location.latitude === null || location.longitude === null) return undefined;
  return { '@type': 'GeoCoordinates', latitude: location.latitude, longitude: location.longitude };
}

/** E.164 without the extension, which schema.org's `telephone` has no place for. */
function telephoneOf(phone: string | null): string | undefined {
  return phone ? phone.split(';')[0] : undefined;
}

/** A short reference to an office, for the nodes that point at one (a physician's `practicesAt`). */
export function clinicReference(office: Linked<Location>): MedicalClinic {
  return compact<MedicalClinicLeaf>({
    '@type': 'MedicalClinic' as const,
    '@id': nodeId(office, 'clinic'),
    name: office.document.name,
    url: office.url ?? undefined,
    address: postalAddressOf(office.document),
  });
}

export interface ClinicInput {
  office: Linked<Location>;
  /** The published practice the office belongs to, if any. */
  practice: Linked<Practice> | null;
  /** Published, active providers who see patients there. */
  providers: readonly Provider[];
  /** The office's local date: exceptions before it are over. */
  today: string;
  extras?: NodeExtras;
}

/** An office: a MedicalClinic with its address, position, hours, specialties and whether it takes new patients. */
export function clinicJsonLd({ office, practice, providers, today, extras = {} }: ClinicInput): WithContext<MedicalClinicLeaf> {
  const location = office.document;
  return compact<WithContext<MedicalClinicLeaf>>({
    '@context': SCHEMA_ORG_CONTEXT,
    '@type': 'MedicalClinic' as const,
    '@id': nodeId(office, 'clinic'),
    name: location.name,
    description: plainText(location.description),
    url: office.url ?? undefined,
    image: imageOf(extras),
    address: postalAddressOf(location),
    geo: geoOf(location),
    telephone: telephoneOf(location.phone),
    faxNumber: telephoneOf(location.fax),
    email: location.email ?? undefined,
    openingHoursSpecification: openingHoursSpecificationOf(location),
    specialOpeningHoursSpecification: specialOpeningHoursOf(location, today),
    medicalSpecialty: some(medicalSpecialtiesOf(providers.flatMap((provider) => provider.specialties))),
    // Known only through its providers: taking new patients when any of them is.
    isAcceptingNewPatients: providers.length > 0 ? providers.some((provider) => provider.acceptingNewPatients) : undefined,
    parentOrganization: practice ? { '@id': nodeId(practice, 'organization') } : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// Providers and the practice

function npiIdentifier(npi: string): PropertyValue {
  return { '@type': 'PropertyValue', propertyID: 'NPI', value: npi };
}

export interface PhysicianInput {
  provider: Linked<Provider>;
  /** Published offices where the provider sees patients, the primary one first. */
  offices: readonly Linked<Location>[];
  extras?: NodeExtras;
}

/**
 * A provider: schema.org's IndividualPhysician (an individual, not the Physician type, which
 * also stands for a physician's office), with the NPI both as `usNPI` and as an identifier.
 * `hospitalAffiliation` is left out: the CMS does not record hospital privileges, and an
 * affiliation must only be stated when it is known to be true.
 */
export function physicianJsonLd({ provider: linked, offices, extras = {} }: PhysicianInput): WithContext<IndividualPhysicianLeaf> {
  const provider = linked.document;
  return compact<WithContext<IndividualPhysicianLeaf>>({
    '@context': SCHEMA_ORG_CONTEXT,
    '@type': 'IndividualPhysician' as const,
    '@id': nodeId(linked, 'physician'),
    name: displayNameOf(provider),
    description: plainText(provider.bio),
    url: linked.url ?? undefined,
    image: imageOf(extras),
    usNPI: provider.npi ?? undefined,
    identifier: provider.npi ? [npiIdentifier(provider.npi)] : undefined,
    telephone: telephoneOf(provider.phone),
    medicalSpecialty: some(medicalSpecialtiesOf(provider.specialties)),
    knowsLanguage: some(provider.languages),
    isAcceptingNewPatients: provider.acceptingNewPatients,
    practicesAt: some(offices.map(clinicReference)),
  });
}

export interface OrganizationInput {
  practice: Linked<Practice>;
  /** Published offices. */
  offices: readonly Linked<Location>[];
  /** Published, active providers of the practice (their specialties are the practice's). */
  providers: readonly Provider[];
  extras?: NodeExtras;
}

/** The practice as a whole: a MedicalOrganization whose offices are its sub-organizations, with its social profiles as `sameAs`. */
export function organizationJsonLd({ practice: linked, offices, providers, extras = {} }: OrganizationInput): WithContext<MedicalOrganizationLeaf> {
  const practice = linked.document;
  return compact<WithContext<MedicalOrganizationLeaf>>({
    '@context': SCHEMA_ORG_CONTEXT,
    '@type': 'MedicalOrganization' as const,
    '@id': nodeId(linked, 'organization'),
    name: practice.name,
    description: plainText(practice.description),
    url: linked.url ?? practice.website ?? undefined,
    logo: extras.images?.[0],
    telephone: telephoneOf(practice.mainPhone),
    identifier: practice.npi ? [npiIdentifier(practice.npi)] : undefined,
    medicalSpecialty: some(medicalSpecialtiesOf(providers.flatMap((provider) => provider.specialties))),
    sameAs: some(practice.socialProfiles.map((profile) => profile.url)),
    subOrganization: some(offices.map(clinicReference)),
  });
}

// ---------------------------------------------------------------------------------------------
// Treatments, conditions and FAQs

function questionOf(faq: Faq): Question {
  const answer: Answer = { '@type': 'Answer', text: plainText(faq.answer) ?? '' };
  return { '@type': 'Question', name: faq.question, acceptedAnswer: answer };
}

/** A FAQ on its own: a Question with its accepted answer. */
export function questionJsonLd(faq: Faq): WithContext<Question> {
  return { '@context': SCHEMA_ORG_CONTEXT, ...questionOf(faq) };
}

function icd10CodesOf(condition: Condition): MedicalCode[] | undefined {
  return some(condition.icd10Codes.map((code): MedicalCode => ({ '@type': 'MedicalCode', codeValue: code, codingSystem: ICD_10_CM })));
}

/**
 * procedureType takes only NoninvasiveProcedure and PercutaneousProcedure; surgery would be the
 * type SurgicalProcedure, which a MedicalTherapy (what possibleTreatment accepts) cannot be.
 */
const PROCEDURE_TYPE: Record<Invasiveness, MedicalProcedureType | undefined> = {
  [Invasiveness.NONINVASIVE]: 'NoninvasiveProcedure',
  [Invasiveness.MINIMALLY_INVASIVE]: 'PercutaneousProcedure',
  [Invasiveness.SURGICAL]: undefined,
};

function therapyReference(treatment: Linked<Treatment>): MedicalTherapy {
  return compact<MedicalTherapyLeaf>({
    '@type': 'MedicalTherapy' as const,
    '@id': nodeId(treatment, 'therapy'),
    name: treatment.document.title,
    url: treatment.url ?? undefined,
  });
}

/** What a page node says about its page beyond the document's URL. */
interface PageFacts {
  name: string;
  description: string | undefined;
  /** `@id`s of what the page is about, its main entity first. */
  about: string[];
}

/**
 * The page node of a document's page: a MedicalWebPage (the page, where the document node is
 * the thing it describes) carrying the clinical review, which schema.org puts on WebPage.
 */
function medicalWebPage(linked: Linked<{ id: string }>, facts: PageFacts, extras: NodeExtras): MedicalWebPageLeaf {
  return compact<MedicalWebPageLeaf>({
    '@type': 'MedicalWebPage' as const,
    '@id': nodeId(linked, 'webpage'),
    url: linked.url ?? undefined,
    name: facts.name,
    description: facts.description,
    about: facts.about.map((id) => ({ '@id': id })),
    mainEntity: { '@id': facts.about[0] },
    image: imageOf(extras),
    ...reviewOf(extras),
  });
}

/** The page's questions and answers as an FAQPage, or nothing when it has none. */
function faqPageOf(linked: Linked<{ id: string }>, faqs: readonly Faq[]): FAQPageLeaf[] {
  if (faqs.length === 0) return [];
  return [compact<FAQPageLeaf>({ '@type': 'FAQPage' as const, '@id': nodeId(linked, 'faq'), url: linked.url ?? undefined, mainEntity: faqs.map(questionOf) })];
}

/** A document's page as one graph, so a page needs one script element. */
function graphOf(nodes: Thing[]): Graph {
  return { '@context': SCHEMA_ORG_CONTEXT, '@graph': nodes };
}

export interface TreatmentPageInput {
  treatment: Linked<Treatment>;
  /** Published conditions the treatment treats, in the page's order. */
  conditions: readonly Linked<Condition>[];
  /** Published, active providers who perform it (their specialties are the therapy's). */
  providers: readonly Provider[];
  /** Published FAQs of the page, in order. */
  faqs: readonly Faq[];
  extras?: NodeExtras;
}

/**
 * A treatment's page: a MedicalWebPage about a MedicalTherapy (a TherapeuticProcedure that
 * conditions may name as their `possibleTreatment`) and the conditions it treats, plus the page's
 * questions as an FAQPage.
 */
export function treatmentPageJsonLd({ treatment: linked, conditions, providers, faqs, extras = {} }: TreatmentPageInput): Graph {
  const treatment = linked.document;
  const therapyId = nodeId(linked, 'therapy');
  const page = medicalWebPage(
    linked,
    {
      name: treatment.metaTitle ?? treatment.title,
      description: treatment.metaDescription ?? treatment.summary,
      about: [therapyId, ...conditions.map((condition) => nodeId(condition, 'condition'))],
    },
    extras,
  );
  const therapy = compact<MedicalTherapyLeaf>({
    '@type': 'MedicalTherapy' as const,
    '@id': therapyId,
    name: treatment.title,
    description: treatment.summary,
    url: linked.url ?? undefined,
    image: imageOf(extras),
    procedureType: treatment.invasiveness ? PROCEDURE_TYPE[treatment.invasiveness] : undefined,
    preparation: plainText(treatment.preparation),
    followup: plainText(treatment.followUp),
    relevantSpecialty: some(medicalSpecialtiesOf(providers.flatMap((provider) => provider.specialties))),
  });
  const conditionNodes = conditions.map((condition): MedicalCondition =>
    compact<MedicalConditionLeaf>({
      '@type': 'MedicalCondition' as const,
      '@id': nodeId(condition, 'condition'),
      name: condition.document.name,
      url: condition.url ?? undefined,
      code: icd10CodesOf(condition.document),
      possibleTreatment: { '@id': therapyId },
    }),
  );
  return graphOf([page, therapy, ...conditionNodes, ...faqPageOf(linked, faqs)]);
}

export interface ConditionPageInput {
  condition: Linked<Condition>;
  /** Published treatments for it. */
  treatments: readonly Linked<Treatment>[];
  /** Published FAQs of the page, in order. */
  faqs: readonly Faq[];
  extras?: NodeExtras;
}

/**
 * A condition's page: a MedicalWebPage about a MedicalCondition with its ICD-10-CM codes,
 * symptoms and the practice's treatments for it, plus the page's questions as an FAQPage.
 */
export function conditionPageJsonLd({ condition: linked, treatments, faqs, extras = {} }: ConditionPageInput): Graph {
  const condition = linked.document;
  const conditionId = nodeId(linked, 'condition');
  const summary = condition.summary === '' ? undefined : condition.summary;
  const page = medicalWebPage(
    linked,
    { name: condition.metaTitle ?? condition.name, description: condition.metaDescription ?? summary, about: [conditionId] },
    extras,
  );
  const node = compact<MedicalConditionLeaf>({
    '@type': 'MedicalCondition' as const,
    '@id': conditionId,
    name: condition.name,
    alternateName: some(condition.aliases),
    description: summary,
    url: linked.url ?? undefined,
    image: imageOf(extras),
    code: icd10CodesOf(condition),
    signOrSymptom: some(condition.symptoms.map((symptom) => ({ '@type': 'MedicalSignOrSymptom' as const, name: symptom }))),
    possibleTreatment: some(treatments.map(therapyReference)),
  });
  return graphOf([page, node, ...faqPageOf(linked, faqs)]);
}
