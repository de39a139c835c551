import { DocumentStatus, DocumentType } from '../../src/content/documents/document-status';
import { Practice } from '../../src/practice/practice.entity';
import { dataOf } from '../common/expectations';
import { useTestApp } from '../support/use-test-app';

const PRACTICE_QUERY = `{
  practice {
    name
    description { html }
    mainPhone { e164 display uri }
    website
    socialProfiles { network url }
    specialty
    faqs { question }
  }
}`;

describe('practice query', () => {
  const app = useTestApp();
  const factory = app.content;

  // The practice is a singleton: each test starts without one.
  beforeEach(() => app.dataSource.query('DELETE FROM practice'));
  it('returns null while there is no practice', async () => {
    expect(dataOf(await app.graphql(PRACTICE_QUERY)).practice).toBeNull();
  });

  it('returns the published practice with its phone and practice-wide FAQs in order', async () => {
    const practice = await factory.practice({
      name: 'Bluegrass Pain Consultants',
      description: 'Interventional pain care in **Kentucky**.',
      mainPhone: '+18595550100',
      website: 'https://bluegrass-pain.example.com',
      socialProfiles: [{ network: 'facebook', url: 'https://facebook.com/bluegrasspain' }],
      specialty: 'Interventional pain management',
    });

    const faqs = [
      await factory.faq({ question: 'Do I need a referral?' }),
      await factory.faq({ question: 'Which insurance do you accept?' }),
      await factory.faq({ question: 'Draft: parking?', status: DocumentStatus.DRAFT }),
    ];
    await factory.placeFaqs(DocumentType.PRACTICE, practice.id, faqs, [2, 1, 0]);
    const treatmentFaq = await factory.faq({ question: 'Only on a treatment?' });
    const treatment = await factory.treatment();
    await factory.placeFaqs(DocumentType.TREATMENT, treatment.id, [treatmentFaq]);

    expect(dataOf(await app.graphql(PRACTICE_QUERY)).practice).toEqual({
      name: 'Bluegrass Pain Consultants',
      description: { html: '<p>Interventional pain care in <strong>Kentucky</strong>.</p>' },
      mainPhone: { e164: '+18595550100', display: '(859) 555-0100', uri: 'tel:+18595550100' },
      website: 'https://bluegrass-pain.example.com',
      socialProfiles: [{ network: 'facebook', url: 'https://facebook.com/bluegrasspain' }],
      specialty: 'Interventional pain management',
      faqs: [{ question: 'Which insurance do you accept?' }, { question: 'Do I need a referral?' }],
    });
  });

  it('returns null for a practice that is still a draft', async () => {
    await factory.practice({ name: 'Draft Practice', status: DocumentStatus.DRAFT });
    expect(dataOf(await app.graphql(PRACTICE_QUERY)).practice).toBeNull();
  });

  it('returns null for a trashed practice, and the practice once it is published', async () => {
    const practice = await factory.practice({ name: 'Late Practice', status: DocumentStatus.DRAFT });
    expect(dataOf(await app.graphql(`{ practice { name } }`)).practice).toBeNull();
    await factory.publish(Practice, practice.id);
    expect(dataOf(await app.graphql(`{ practice { name } }`)).practice).toEqual({ name: 'Late Practice' });
    await factory.trash(Practice, practice.id);
    expect(dataOf(await app.graphql(`{ practice { name } }`)).practice).toBeNull();
  });

  it('has no phone when none is set', async () => {
    await factory.practice({ name: 'No Phone Practice' });
    expect(dataOf(await app.graphql(`{ practice { mainPhone { e164 } } }`)).practice).toEqual({ mainPhone: null });
  });
});
