import { dataOf } from '../common/expectations';
import { useTestApp } from '../support/use-test-app';

/**
 * Every fact of the practice's intrathecal therapy page, where it lives in the demo, read through
 * the public API of a freshly seeded app. A fact edited out of the demo (or one that never got in)
 * fails here by name. Facts are matched loosely: the demo says them in its own words.
 */
interface Fact {
  fact: string;
  /** The document, as keyed in the query below ("treatment", "faq:how-does-intrathecal-therapy-work"). */
  document: string;
  /** Dotted path of the field in that document; lists are read as their items, one a line. */
  field: string;
  expected: RegExp;
}

const OFFICES = ['lexington', 'cynthiana', 'maysville', 'danville'];

const FACTS: Fact[] = [
  // The practice
  { fact: 'The practice is Bux Pain Management', document: 'practice', field: 'name', expected: /^Bux Pain Management$/ },
  { fact: 'It practices interventional pain management', document: 'practice', field: 'specialty', expected: /^Interventional pain management$/ },
  { fact: 'It is led by Anjum Bux, MD', document: 'practice', field: 'description.text', expected: /led by Anjum Bux, MD/ },
  { fact: 'Dr. Bux is a board-certified anesthesiologist', document: 'practice', field: 'description.text', expected: /board-certified anesthesiologist/ },
  {
    fact: 'It has four offices in Kentucky: Lexington, Cynthiana, Maysville and Danville',
    document: 'practice',
    field: 'description.text',
    expected: /four offices in Kentucky: Lexington, Cynthiana, Maysville and Danville/,
  },
  { fact: 'It uses cutting-edge treatments', document: 'treatment', field: 'body.text', expected: /cutting-edge treatments/ },
  {
    fact: 'It offers cutting-edge treatments (practice)',
    document: 'practice',
    field: 'description.text',
    expected: /cutting-edge treatments such as intrathecal therapy/,
  },

  // The provider
  { fact: 'The doctor is Anjum Bux, MD', document: 'provider', field: 'displayName', expected: /^Anjum Bux, MD$/ },
  { fact: 'Board certified in anesthesiology', document: 'provider', field: 'boardCertifications', expected: /^Anesthesiology$/ },
  { fact: 'Board-certified anesthesiologist (bio)', document: 'provider', field: 'bio.text', expected: /board-certified anesthesiologist/ },
  { fact: 'More than 20 years of experience', document: 'provider', field: 'experienceLabel', expected: /^More than 20 years$/ },
  { fact: 'More than 20 years of experience (bio)', document: 'provider', field: 'bio.text', expected: /more than 20 years of experience/ },
  { fact: 'Experience is stated, not a start year', document: 'provider', field: 'experienceMinimumYears', expected: /^20$/ },
  {
    fact: 'Dr. Bux performs interventional procedures such as intrathecal therapy',
    document: 'provider',
    field: 'bio.text',
    expected: /interventional procedures, such as intrathecal therapy/,
  },
  {
    fact: 'Dr. Bux sees patients at all four offices',
    document: 'provider',
    field: 'locations.address.city',
    expected: /^Lexington\nCynthiana\nMaysville\nDanville$/,
  },
  { fact: 'Lexington is the main office', document: 'provider', field: 'primaryLocation.address.city', expected: /^Lexington$/ },

  // The offices
  ...OFFICES.map((slug) => ({
    fact: `An office in ${slug[0].toUpperCase()}${slug.slice(1)}, Kentucky`,
    document: `location:${slug}-office`,
    field: 'address.city',
    expected: new RegExp(`^${slug[0].toUpperCase()}${slug.slice(1)}$`),
  })),
  ...OFFICES.map((slug) => ({ fact: `The ${slug} office is in Kentucky`, document: `location:${slug}-office`, field: 'address.state', expected: /^KY$/ })),

  // The treatment
  { fact: 'The treatment is Intrathecal Therapy', document: 'treatment', field: 'title', expected: /^Intrathecal Therapy$/ },
  { fact: 'Medication goes directly into the spinal fluid', document: 'treatment', field: 'summary', expected: /directly into the spinal fluid/ },
  { fact: 'A small pump is placed under the skin', document: 'treatment', field: 'body.text', expected: /small pump placed under the skin/ },
  {
    fact: 'A thin catheter carries the medication',
    document: 'treatment',
    field: 'body.text',
    expected: /thin catheter into the fluid around the spinal cord/,
  },
  {
    fact: 'For chronic pain other treatments did not control',
    document: 'treatment',
    field: 'body.text',
    expected: /chronic pain has not been controlled well enough by other treatments/,
  },
  { fact: 'The pump is round, about three inches wide', document: 'treatment', field: 'body.text', expected: /round, about three inches wide/ },
  { fact: 'The pump is under an inch deep', document: 'treatment', field: 'body.text', expected: /under an inch deep/ },
  {
    fact: 'Far lower doses than by mouth',
    document: 'treatment',
    field: 'summary',
    expected: /far lower doses are needed than with medication taken by mouth/,
  },
  {
    fact: 'Can reduce or eliminate dependence on oral drugs',
    document: 'treatment',
    field: 'benefits',
    expected: /reduce or eliminate dependence on oral pain medication/,
  },
  {
    fact: 'Can reduce or even stop oral pain medication (body)',
    document: 'treatment',
    field: 'body.text',
    expected: /reduce, or even stop, the oral pain medication/,
  },
  {
    fact: 'The pump is preprogrammed to release a set dose slowly',
    document: 'treatment',
    field: 'body.text',
    expected: /preprogrammed to release a set dose slowly/,
  },
  { fact: 'A patient never receives too much at once', document: 'treatment', field: 'body.text', expected: /never receive too much at once/ },
  { fact: 'The pump is refilled through an access port', document: 'treatment', field: 'body.text', expected: /refilled through an access port/ },
  {
    fact: 'Medication is added through the access port at visits',
    document: 'treatment',
    field: 'procedure.followUp.text',
    expected: /added to the pump through its access port/,
  },
  {
    fact: 'Minimally invasive (body)',
    document: 'treatment',
    field: 'body.text',
    expected: /minimally invasive outpatient procedure rather than invasive surgery/,
  },
  { fact: 'Minimally invasive (procedure)', document: 'treatment', field: 'procedure.invasiveness', expected: /^MINIMALLY_INVASIVE$/ },
  { fact: 'An outpatient procedure', document: 'treatment', field: 'procedure.setting', expected: /^OUTPATIENT$/ },
  { fact: 'Done under IV sedation', document: 'treatment', field: 'procedure.anesthesia', expected: /^IV sedation$/ },
  {
    fact: 'Blood thinners are stopped beforehand',
    document: 'treatment',
    field: 'procedure.preparation.text',
    expected: /blood thinners \(anticoagulants\).*stop them before the procedure/,
  },
  {
    fact: 'Sutures and a wound vac close the incision',
    document: 'treatment',
    field: 'procedure.recovery.text',
    expected: /closed with sutures and a wound vac/,
  },
  { fact: 'The medication works immediately', document: 'treatment', field: 'procedure.recovery.text', expected: /starts working immediately/ },
  { fact: 'Patients go home the same day', document: 'treatment', field: 'procedure.recovery.text', expected: /go home the same day/ },
  { fact: 'A trial comes first', document: 'treatment', field: 'trialAvailable', expected: /^true$/ },
  {
    fact: 'The trial is a single injection into the spinal fluid',
    document: 'treatment',
    field: 'trialDetails.text',
    expected: /single injection of medication into the spinal fluid/,
  },
  { fact: 'The dose can be adjusted at visits', document: 'treatment', field: 'procedure.followUp.text', expected: /dose can be adjusted/ },
  {
    fact: 'It treats eight conditions',
    document: 'treatment',
    field: 'conditions.name',
    expected:
      /^Back Pain\nNeck Pain\nNerve Damage\nPain After Surgery\nCancer Pain\nComplex Regional Pain Syndrome \(CRPS\)\nSpinal Cord Injuries\nHerniated Discs$/,
  },
  { fact: 'Dr. Bux performs it', document: 'treatment', field: 'providers.displayName', expected: /^Anjum Bux, MD$/ },
  {
    fact: 'It is offered at the four offices',
    document: 'treatment',
    field: 'locations.address.city',
    expected: /^Lexington\nCynthiana\nMaysville\nDanville$/,
  },
  { fact: 'Dr. Bux reviewed the page medically', document: 'treatment', field: 'medicalReview.reviewedBy.displayName', expected: /^Anjum Bux, MD$/ },

  // The FAQs, in the page's order and wording
  {
    fact: "The page's five questions, in order",
    document: 'treatment',
    field: 'faqs.question',
    expected:
      /^What is intrathecal therapy\?\nHow does intrathecal therapy work\?\nIs intrathecal therapy right for me\?\nWhat happens during the intrathecal therapy procedure\?\nWhat happens after the intrathecal therapy procedure\?$/,
  },
  {
    fact: 'Medication straight into the fluid around the spinal cord',
    document: 'faq:what-is-intrathecal-therapy',
    field: 'answer.text',
    expected: /delivered straight into the fluid around the spinal cord/,
  },
  {
    fact: 'About three inches across, less than an inch thick',
    document: 'faq:how-does-intrathecal-therapy-work',
    field: 'answer.text',
    expected: /about three inches across and less than an inch thick/,
  },
  {
    fact: 'The pump is programmed in advance to release a set dose slowly',
    document: 'faq:how-does-intrathecal-therapy-work',
    field: 'answer.text',
    expected: /programmed in advance to let out a set dose slowly/,
  },
  {
    fact: 'Never too much medication at once',
    document: 'faq:how-does-intrathecal-therapy-work',
    field: 'answer.text',
    expected: /never get too much medication at once/,
  },
  {
    fact: 'Reduces or ends reliance on oral medication',
    document: 'faq:how-does-intrathecal-therapy-work',
    field: 'answer.text',
    expected: /reduce or even end reliance on oral pain medication/,
  },
  {
    fact: 'Refilled through an access port on the pump',
    document: 'faq:how-does-intrathecal-therapy-work',
    field: 'answer.text',
    expected: /refilled through an access port on the pump/,
  },
  {
    fact: 'An option when other treatments did not help or pills cause side effects',
    document: 'faq:is-intrathecal-therapy-right-for-me',
    field: 'answer.text',
    expected: /side effects you cannot tolerate/,
  },
  { fact: 'A trial injection comes first', document: 'faq:is-intrathecal-therapy-right-for-me', field: 'answer.text', expected: /trial injection comes first/ },
  {
    fact: 'Minimally invasive, not open surgery',
    document: 'faq:what-happens-during-the-intrathecal-therapy-procedure',
    field: 'answer.text',
    expected: /minimally invasive outpatient procedure, not open surgery/,
  },
  { fact: 'IV sedation', document: 'faq:what-happens-during-the-intrathecal-therapy-procedure', field: 'answer.text', expected: /IV sedation/ },
  {
    fact: 'X-ray guidance (fluoroscopy)',
    document: 'faq:what-happens-during-the-intrathecal-therapy-procedure',
    field: 'answer.text',
    expected: /X-ray guidance \(fluoroscopy\)/,
  },
  {
    fact: 'A small incision in the back or abdomen',
    document: 'faq:what-happens-during-the-intrathecal-therapy-procedure',
    field: 'answer.text',
    expected: /small incision in the back or abdomen/,
  },
  {
    fact: 'Sutures and a wound vac',
    document: 'faq:what-happens-during-the-intrathecal-therapy-procedure',
    field: 'answer.text',
    expected: /closed with sutures and covered with a wound vac/,
  },
  {
    fact: 'Blood thinners are stopped beforehand',
    document: 'faq:what-happens-during-the-intrathecal-therapy-procedure',
    field: 'answer.text',
    expected: /blood thinners/,
  },
  {
    fact: 'The medication works right away',
    document: 'faq:what-happens-after-the-intrathecal-therapy-procedure',
    field: 'answer.text',
    expected: /starts working right after the pump is placed/,
  },
  { fact: 'Home the same day', document: 'faq:what-happens-after-the-intrathecal-therapy-procedure', field: 'answer.text', expected: /go home the same day/ },
  {
    fact: 'Follow-up visits adjust the dose and refill the pump',
    document: 'faq:what-happens-after-the-intrathecal-therapy-procedure',
    field: 'answer.text',
    expected: /adjust the dose and refill the pump/,
  },
];

const RICH = 'markdown text';

function documentsQuery(): string {
  const faqs = [...new Set(FACTS.filter((fact) => fact.document.startsWith('faq:')).map((fact) => fact.document.slice(4)))].map(
    (slug) => `${alias(`faq:${slug}`)}: faq(slug: "${slug}") { question answer { ${RICH} } }`,
  );
  const offices = OFFICES.map(
    (slug) => `${alias(`location:${slug}-office`)}: location(slug: "${slug}-office") {
      name address { line1 line2 city state postalCode } phone { e164 } fax { e164 } email bookingUrl website openingHours { closed } hoursExceptions { date }
    }`,
  );
  return `{
    practice { name specialty description { ${RICH} } mainPhone { e164 } website bookingUrl }
    provider: provider(slug: "anjum-bux") {
      displayName boardCertifications bio { ${RICH} } practiceStartYear experienceMinimumYears yearsOfExperience experienceLabel
      locations { address { city } } primaryLocation { address { city } }
    }
    treatment(slug: "intrathecal-therapy") {
      title summary body { ${RICH} } benefits trialAvailable trialDetails { ${RICH} }
      procedure { setting invasiveness anesthesia preparation { ${RICH} } recovery { ${RICH} } followUp { ${RICH} } risks { ${RICH} } }
      conditions { name } providers { displayName } locations { address { city } } faqs { question }
      lastReviewed medicalReview { reviewedAt nextReviewDue reviewedBy { displayName } }
    }
    ${faqs.join('\n')}
    ${offices.join('\n')}
  }`;
}

/** A GraphQL alias for a document key ("faq:what-is-x" → "faq_what_is_x"). */
function alias(document: string): string {
  return document.replace(/[^a-z0-9]+/gi, '_');
}

/** The value at a dotted path; through lists, every item's value, one a line. */
function valueAt(value: unknown, path: string[]): string {
  if (Array.isArray(value)) return value.map((item) => valueAt(item, path)).join('\n');
  if (path.length === 0) return String(value);
  if (value === null || value === undefined) return '';
  return valueAt((value as Record<string, unknown>)[path[0]], path.slice(1));
}

describe("the demo says what the practice's page says", () => {
  const app = useTestApp({ LOAD_DEMO_CONTENT: 'true' });
  let documents: Record<string, any>;

  beforeAll(async () => {
    documents = dataOf(await app.graphql(documentsQuery()));
  });

  it.each(FACTS.map((fact) => [fact.fact, fact] as const))('%s', (_name, fact) => {
    const document = documents[alias(fact.document)];
    expect(document).toBeTruthy();
    expect(valueAt(document, fact.field.split('.'))).toMatch(fact.expected);
  });

  it('invents no contact details: no phone, fax, email, street, postal code, booking link, website or hours for any office', () => {
    for (const slug of OFFICES) {
      expect(documents[alias(`location:${slug}-office`)]).toMatchObject({
        address: { line1: null, line2: null, postalCode: null },
        phone: null,
        fax: null,
        email: null,
        bookingUrl: null,
        website: null,
        hoursExceptions: [],
      });
      expect(documents[alias(`location:${slug}-office`)].openingHours.every((day: { closed: boolean | null }) => day.closed === null)).toBe(true);
    }
    expect(documents.practice).toMatchObject({ mainPhone: null, website: null, bookingUrl: null });
  });

  it('invents no start year: experience is only what the practice states', () => {
    expect(documents.provider).toMatchObject({ practiceStartYear: null, yearsOfExperience: null, experienceMinimumYears: 20 });
  });

  it('calls the procedure minimally invasive, never surgical', () => {
    expect(documents.treatment.procedure.invasiveness).toBe('MINIMALLY_INVASIVE');
    expect(documents.treatment.body.text).not.toMatch(/\bsurgical procedure\b/i);
  });

  it('has the page reviewed by Anjum Bux, MD the day the seed ran, due again a year later', () => {
    const today = new Date().toISOString().slice(0, 10);
    const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    expect(documents.treatment.lastReviewed).toBe(today);
    // February 29th becomes February 28th a year later.
    expect(documents.treatment.medicalReview).toEqual({
      reviewedAt: today,
      nextReviewDue: today.endsWith('-02-29') ? `${nextYear.slice(0, 8)}28` : nextYear,
      reviewedBy: { displayName: 'Anjum Bux, MD' },
    });
  });
});
