import { BodyRegion } from '../conditions/body-region.enums';
import { type Condition } from '../conditions/condition.entity';
import { type Faq } from '../faqs/faq.entity';
import { type Location } from '../locations/location.entity';
import { type Practice } from '../practice/practice.entity';
import { type Provider } from '../providers/provider.entity';
import { Invasiveness, TreatmentSetting } from '../treatments/treatment.enums';
import { type Treatment } from '../treatments/treatment.entity';

/** Columns the publishing machinery owns; demo data never sets them. */
type SystemField =
  'id' | 'slug' | 'status' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'publishedAt' | 'firstPublishedAt' | 'deletedAt';

/**
 * The content of one demo document, identified by its slug. The fields given here are the demo's
 * to set (the loader writes them, also back over an edit); fields left out keep their column
 * default on insert and are never touched afterwards.
 */
export type DemoFields<T> = { slug: string } & Partial<Omit<T, SystemField>>;

export interface DemoProvider {
  fields: DemoFields<Provider>;
  /** Slugs of the offices where the provider sees patients, in display order. */
  locations: string[];
  primaryLocation: string;
}

export interface DemoTreatment {
  fields: DemoFields<Treatment>;
  /** Slugs, in the order the treatment page lists them. */
  conditions: string[];
  providers: string[];
  locations: string[];
  /** Slugs of the FAQs on the treatment page, in order. */
  faqs: string[];
  /** Slug of the provider who reviewed the page medically (dated the day the seed first runs). */
  reviewedBy?: string;
}

export interface DemoContent {
  practice: DemoFields<Practice>;
  locations: DemoFields<Location>[];
  providers: DemoProvider[];
  conditions: DemoFields<Condition>[];
  faqs: DemoFields<Faq>[];
  treatments: DemoTreatment[];
}

// Facts the practice has not given us (street addresses, phone numbers, opening hours, NPI,
// education, visit lengths) are left empty on purpose: a demo must not invent contact details
// that patients could act on.
function office(city: string, latitude: number, longitude: number): DemoFields<Location> {
  return {
    slug: `${city.toLowerCase()}-office`,
    name: `${city} Office`,
    description: `Bux Pain Management sees patients in ${city}, Kentucky. Please contact the practice for directions and appointment times at this office.`,
    addressLine1: null,
    addressLine2: null,
    city,
    state: 'KY',
    postalCode: null,
    country: 'US',
    latitude,
    longitude,
    phone: null,
    fax: null,
    email: null,
    timezone: 'America/New_York',
    bookingUrl: null,
  };
}

const LOCATIONS: DemoFields<Location>[] = [
  office('Lexington', 38.0406, -84.5037),
  office('Cynthiana', 38.3903, -84.2941),
  office('Maysville', 38.6412, -83.7444),
  office('Danville', 37.6456, -84.7722),
];

const ALL_OFFICES = LOCATIONS.map((location) => location.slug);

const CONDITIONS: DemoFields<Condition>[] = [
  {
    slug: 'back-pain',
    name: 'Back Pain',
    aliases: ['Backache', 'Low back pain'],
    summary: 'Ongoing pain in the back, most often the lower back, that can come from the joints, discs, nerves or muscles of the spine.',
    body: 'Back pain is one of the most common reasons people see a doctor. When it lasts for months and does not improve with rest, physical therapy or medication, finding its source can open up other treatment options.',
    bodyRegion: BodyRegion.LOWER_BACK,
    symptoms: ['Aching or stiffness in the lower back', 'Pain that spreads into the buttocks or legs', 'Pain that worsens with sitting, standing or bending'],
    icd10Codes: ['M54.50', 'M54.9'],
  },
  {
    slug: 'neck-pain',
    name: 'Neck Pain',
    aliases: ['Cervicalgia'],
    summary: 'Pain and stiffness in the neck that may spread to the shoulders, arms or head.',
    body: 'Long-lasting neck pain can come from worn joints, disc problems or irritated nerves in the cervical spine, and can make everyday movements such as turning the head difficult.',
    bodyRegion: BodyRegion.NECK,
    symptoms: ['Stiff neck', 'Pain spreading to the shoulders or arms', 'Headaches starting at the base of the skull'],
    icd10Codes: ['M54.2'],
  },
  {
    slug: 'nerve-damage',
    name: 'Nerve Damage',
    aliases: ['Neuropathy', 'Neuropathic pain', 'Nerve pain'],
    summary: 'Pain caused by injured or diseased nerves, often described as burning, shooting or electric.',
    body: 'When nerves are damaged by injury, surgery, diabetes or other illness, they can send pain signals even without a new injury. This kind of pain may not respond well to ordinary pain relievers.',
    bodyRegion: BodyRegion.NERVES,
    symptoms: ['Burning or shooting pain', 'Numbness or tingling', 'Sensitivity to light touch'],
    icd10Codes: ['M79.2', 'G62.9'],
  },
  {
    slug: 'pain-after-surgery',
    name: 'Pain After Surgery',
    aliases: ['Post-surgical pain', 'Postoperative pain'],
    summary: 'Pain that continues well beyond the usual healing time after an operation.',
    body: 'Some pain is expected while a wound heals. Pain that lasts for months after surgery, or that changes in character, deserves its own evaluation and treatment plan.',
    bodyRegion: BodyRegion.WHOLE_BODY,
    symptoms: ['Pain at or near the surgical site months after the operation', 'Burning or shooting pain around a scar', 'Pain that limits activity or sleep'],
    icd10Codes: ['G89.18', 'G89.28'],
  },
  {
    slug: 'cancer-pain',
    name: 'Cancer Pain',
    aliases: ['Cancer-related pain'],
    summary: 'Pain caused by a tumor or by cancer treatment such as surgery, chemotherapy or radiation.',
    body: 'Cancer pain can come from the disease itself or from its treatment. Pain management works alongside the cancer care team to keep patients as comfortable and active as possible.',
    bodyRegion: BodyRegion.WHOLE_BODY,
    symptoms: ['Persistent or worsening pain', 'Pain from pressure on bones, nerves or organs', 'Pain after chemotherapy or radiation'],
    icd10Codes: ['G89.3'],
  },
  {
    slug: 'complex-regional-pain-syndrome-crps',
    name: 'Complex Regional Pain Syndrome (CRPS)',
    aliases: ['CRPS', 'Reflex sympathetic dystrophy (RSD)', 'Causalgia'],
    summary: 'A long-lasting pain condition, usually in an arm or leg, that develops after an injury and is far more severe than the injury itself.',
    body: 'CRPS usually follows an injury, surgery, stroke or heart attack. The pain is out of proportion to the original injury and may come with changes in skin color, temperature and swelling of the affected limb.',
    bodyRegion: BodyRegion.NERVES,
    symptoms: [
      'Burning pain in an arm or leg',
      'Swelling and changes in skin color or temperature',
      'Sensitivity to touch or cold',
      'Stiffness in the affected limb',
    ],
    icd10Codes: ['G90.50', 'G56.40', 'G57.70'],
  },
  {
    slug: 'spinal-cord-injuries',
    name: 'Spinal Cord Injuries',
    aliases: ['SCI'],
    summary: 'Damage to the spinal cord that can leave lasting pain, muscle spasms and loss of feeling below the injury.',
    body: 'Besides weakness and loss of sensation, many people with a spinal cord injury live with chronic nerve pain or spasticity. Treating these can improve comfort and daily function.',
    bodyRegion: BodyRegion.SPINE,
    symptoms: ['Nerve pain at or below the level of the injury', 'Muscle spasms or stiffness', 'Numbness or loss of feeling'],
    // Spinal cord injury codes depend on level, extent and encounter; editors add the ones that fit.
    icd10Codes: [],
  },
  {
    slug: 'herniated-discs',
    name: 'Herniated Discs',
    aliases: ['Slipped disc', 'Ruptured disc'],
    summary: 'A spinal disc whose soft center pushes through its outer layer and can press on nearby nerves.',
    body: 'Discs cushion the bones of the spine. When one herniates, it can irritate a nerve root and cause pain, numbness or weakness along the path of that nerve, in the arm for the neck or in the leg for the lower back.',
    bodyRegion: BodyRegion.SPINE,
    symptoms: ['Pain radiating into an arm or leg', 'Numbness or tingling', 'Muscle weakness'],
    icd10Codes: ['M51.26', 'M51.27', 'M50.20'],
  },
];

const INTRATHECAL_FAQS: DemoFields<Faq>[] = [
  {
    slug: 'what-is-intrathecal-therapy',
    question: 'What is intrathecal therapy?',
    answer:
      'Intrathecal therapy treats long-lasting pain with medication delivered straight into the fluid around the spinal cord. A small pump, placed under the skin, sends the medication through a thin tube called a catheter.',
    tags: ['intrathecal-therapy'],
  },
  {
    slug: 'how-does-intrathecal-therapy-work',
    question: 'How does intrathecal therapy work?',
    answer:
      'The pump is round, about three inches across and less than an inch thick. It is programmed in advance to let out a set dose slowly through the catheter into the spinal fluid, close to where pain signals travel, so you never get too much medication at once. Because the medication goes directly where it acts, a much smaller dose is needed than with pills, which can reduce or even end reliance on oral pain medication. The pump is refilled through an access port on the pump itself.',
    tags: ['intrathecal-therapy'],
  },
  {
    slug: 'is-intrathecal-therapy-right-for-me',
    question: 'Is intrathecal therapy right for me?',
    answer:
      'It may be an option when chronic pain has not been controlled well enough by other treatments, or when oral medication causes side effects you cannot tolerate. A trial injection comes first to show how you respond. Your doctor will review your history and the results of the trial with you before deciding together.',
    tags: ['intrathecal-therapy'],
  },
  {
    slug: 'what-happens-during-the-intrathecal-therapy-procedure',
    question: 'What happens during the intrathecal therapy procedure?',
    answer:
      'Placing the pump is a minimally invasive outpatient procedure, not open surgery, done under IV sedation. Using X-ray guidance (fluoroscopy), the doctor places the catheter in the spine and the pump under the skin through a small incision in the back or abdomen. The incision is closed with sutures and covered with a wound vac. If you take blood thinners, you will be told when to stop them beforehand.',
    tags: ['intrathecal-therapy'],
  },
  {
    slug: 'what-happens-after-the-intrathecal-therapy-procedure',
    question: 'What happens after the intrathecal therapy procedure?',
    answer:
      'The medication starts working right after the pump is placed, and most patients go home the same day. Some soreness around the incision, which was closed with sutures and a wound vac, is normal for a short time. You will return for follow-up visits to check your progress, adjust the dose and refill the pump through its access port.',
    tags: ['intrathecal-therapy'],
  },
];

const INTRATHECAL_THERAPY: DemoTreatment = {
  fields: {
    slug: 'intrathecal-therapy',
    title: 'Intrathecal Therapy',
    summary:
      'A small implanted pump delivers pain medication directly into the spinal fluid, so far lower doses are needed than with medication taken by mouth.',
    body: [
      'Intrathecal therapy is one of the cutting-edge treatments Bux Pain Management offers to people whose chronic pain has not been controlled well enough by other treatments. A small pump placed under the skin sends medication through a thin catheter into the fluid around the spinal cord (the intrathecal space).',
      'Placing the pump is a minimally invasive outpatient procedure rather than invasive surgery: a small incision, closed afterwards with sutures and a wound vac, and you go home the same day.',
      'The pump is round, about three inches wide and under an inch deep. It is preprogrammed to release a set dose slowly, so you never receive too much at once, and it is refilled through an access port on the pump. Because the medication reaches the spinal cord directly, a much smaller dose can relieve pain than when the same kind of medication is taken by mouth, and many patients can reduce, or even stop, the oral pain medication they depend on.',
      'Before a pump is placed, a trial injection shows how you respond to the medication. Together with your doctor, you then decide whether a permanent pump makes sense for you.',
      '*This page is general information, not medical advice. Whether a treatment is right for you depends on your own health; please discuss it with your doctor.*',
    ].join('\n\n'),
    category: 'Implanted devices',
    setting: TreatmentSetting.OUTPATIENT,
    invasiveness: Invasiveness.MINIMALLY_INVASIVE,
    anesthesia: 'IV sedation',
    typicalDuration: null,
    preparation:
      'If you take blood thinners (anticoagulants), you will need to stop them before the procedure. Do not stop any medication on your own: your care team will tell you which ones to pause and for how long.',
    recovery:
      'The medication starts working immediately after the pump is placed. The incision is closed with sutures and a wound vac; expect some soreness around it for a short time. The procedure is minimally invasive and done as an outpatient, so you go home the same day.',
    followUp: 'At regular office visits, medication is added to the pump through its access port, and the preprogrammed dose can be adjusted.',
    risks:
      'As with any procedure, there are risks, such as infection, bleeding, headache, problems with the pump or catheter, and side effects of the medication. Your doctor will go over the risks that apply to you before you decide.',
    benefits: [
      'Delivers medication directly into the spinal fluid, where it acts',
      'Needs much lower doses than medication taken by mouth',
      'Can reduce or eliminate dependence on oral pain medication',
      'The pump releases a preprogrammed dose slowly, so you never receive too much at once',
      'A trial injection shows how you respond before a pump is placed',
    ],
    trialAvailable: true,
    trialDetails:
      'A trial comes first: a single injection of medication into the spinal fluid shows how much it relieves your pain and how well you tolerate it. If the trial goes well, the permanent pump can be placed.',
    metaDescription:
      'Intrathecal therapy at Bux Pain Management: an implanted pump delivers pain medication into the spinal fluid. Offered in Lexington, Cynthiana, Maysville and Danville, KY.',
  },
  conditions: CONDITIONS.map((condition) => condition.slug),
  providers: ['anjum-bux'],
  locations: ALL_OFFICES,
  faqs: INTRATHECAL_FAQS.map((faq) => faq.slug),
  reviewedBy: 'anjum-bux',
};

/** The seed practice: what `npm start` on a fresh machine and `npm run seed` put in the database. */
export const DEMO_CONTENT: DemoContent = {
  practice: {
    slug: 'bux-pain-management',
    name: 'Bux Pain Management',
    description:
      'Bux Pain Management is an interventional pain management practice led by Anjum Bux, MD, a board-certified anesthesiologist. Patients are seen at four offices in Kentucky: Lexington, Cynthiana, Maysville and Danville, and are offered cutting-edge treatments such as intrathecal therapy.',
    specialty: 'Interventional pain management',
    mainPhone: null,
    website: null,
    bookingUrl: null,
    socialProfiles: [],
  },
  locations: LOCATIONS,
  providers: [
    {
      fields: {
        slug: 'anjum-bux',
        firstName: 'Anjum',
        lastName: 'Bux',
        credentials: ['MD'],
        specialties: ['207LP2900X', '207L00000X'],
        boardCertifications: ['Anesthesiology'],
        // The practice states "more than 20 years" of experience and no start year: none is invented.
        practiceStartYear: null,
        experienceMinimumYears: 20,
        bio: 'Dr. Anjum Bux is a board-certified anesthesiologist with more than 20 years of experience in pain management. Dr. Bux focuses on interventional procedures, such as intrathecal therapy, and sees patients at all four Kentucky offices of the practice.',
        active: true,
      },
      locations: ALL_OFFICES,
      primaryLocation: 'lexington-office',
    },
  ],
  conditions: CONDITIONS,
  faqs: INTRATHECAL_FAQS,
  treatments: [INTRATHECAL_THERAPY],
};
