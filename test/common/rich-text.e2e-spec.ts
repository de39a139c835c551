import { dataOf, expectBadUserInput } from './expectations';
import { useTestApp } from '../support/use-test-app';

const HOSTILE = [
  'Intro <script>alert("script")</script> text.',
  '<img src=x onerror=alert(1)>',
  '<img src="https://example.com/a.png" onload="alert(2)" alt="ok">',
  '[click me](javascript:alert(3))',
  '[encoded](jav&#x61;script:alert(4))',
  '<a href="javascript:alert(5)">html link</a>',
  '<a href="JaVaScRiPt:alert(6)">mixed case</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==">data link</a>',
  '<iframe src="https://evil.example.com"></iframe>',
  '<p style="position:fixed;top:0">styled</p>',
  '<div onclick="alert(8)">div</div>',
  '<svg><script>alert(9)</script></svg>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<form action="https://evil.example.com"><input name="card"></form>',
  '<style>body{display:none}</style>',
  '<math><mi xlink:href="javascript:alert(10)">x</mi></math>',
].join('\n\n');

describe('rich text', () => {
  const app = useTestApp();
  const factory = app.content;
  const bodyOf = async (slug: string, fields = 'markdown html text') =>
    dataOf(await app.graphql(`{ treatment(slug: "${slug}") { body { ${fields} } } }`)).treatment.body;

  it('renders Markdown to HTML, with headings starting at h2 and external links marked', async () => {
    const markdown =
      '# Intrathecal therapy\n\nA **pump** delivers _medication_.\n\n- Trial first\n- Then the implant\n\n[Read more](https://example.com/pumps)';
    await factory.treatment({ title: 'Markdown Page', body: markdown });
    const body = await bodyOf('markdown-page');
    expect(body.markdown).toBe(markdown);
    expect(body.html).toContain('<h2>Intrathecal therapy</h2>');
    expect(body.html).not.toContain('<h1');
    expect(body.html).toContain('<strong>pump</strong>');
    expect(body.html).toContain('<em>medication</em>');
    expect(body.html).toMatch(/<ul>\s*<li>Trial first<\/li>\s*<li>Then the implant<\/li>\s*<\/ul>/);
    expect(body.html).toContain('<a href="https://example.com/pumps" rel="noopener noreferrer">Read more</a>');
  });

  it('keeps hostile content out of the HTML', async () => {
    await factory.treatment({ title: 'Hostile Page', body: HOSTILE });
    const { html } = await bodyOf('hostile-page');
    expect(html).not.toMatch(/<script|<\/script/i);
    expect(html).not.toMatch(/<iframe|<object|<embed|<form|<input|<style|<svg|<math|<div/i);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toMatch(/javascript:|data:text/i);
    expect(html).not.toMatch(/style=/i);
    expect(html).not.toMatch(/alert\(/);
    // What is safe survives: the text around, link texts, and the https image with its alt.
    expect(html).toContain('Intro');
    expect(html).toContain('html link');
    expect(html).toContain('<img src="https://example.com/a.png" alt="ok" />');
  });

  it('keeps hostile content out of every rich-text field, not only the body', async () => {
    const treatment = await factory.treatment({ title: 'Hostile Fields', risks: HOSTILE, trialDetails: HOSTILE });
    const faq = await factory.faq({ question: 'Hostile answer?', answer: HOSTILE });
    expect(faq.id).toBeDefined();
    const response = await app.graphql(`{
      treatment(id: "${treatment.id}") { procedure { risks { html } } trialDetails { html } }
      faq(id: "${faq.id}") { answer { html } }
    }`);
    const data = dataOf(response);
    for (const html of [data.treatment.procedure.risks.html, data.treatment.trialDetails.html, data.faq.answer.html]) {
      expect(html).not.toMatch(/<script|<iframe|javascript:|\son\w+\s*=|style=/i);
    }
  });

  it('gives plain text without tags or entities', async () => {
    await factory.treatment({ title: 'Plain Text Page', body: '## Risks & benefits\n\nA **small** risk of <em>infection</em>.\n\n- Headache\n- Soreness' });
    const { text } = await bodyOf('plain-text-page');
    expect(text).toBe('Risks & benefits A small risk of infection. Headache Soreness');
  });

  it('cuts an excerpt at a word boundary with an ellipsis, within the length', async () => {
    await factory.treatment({ title: 'Excerpt Page', body: 'Intrathecal therapy delivers medication directly into the spinal fluid.' });
    const body = await bodyOf('excerpt-page', 'short: excerpt(length: 20) long: excerpt(length: 500) default: excerpt');
    expect(body.short).toBe('Intrathecal therapy…');
    expect(body.long).toBe('Intrathecal therapy delivers medication directly into the spinal fluid.');
    expect(body.default).toBe(body.long);
  });

  it.each([5, 10, 19, 20, 21, 25, 30])('never makes an excerpt longer than length %i, ellipsis included', async (length) => {
    await factory.treatment({ title: `Excerpt Length ${length}`, body: 'aaaa bbbb cccc ddddd eeee ffff gggg hhhh' });
    const { excerpt } = await bodyOf(`excerpt-length-${length}`, `excerpt(length: ${length})`);
    expect(excerpt.length).toBeLessThanOrEqual(length);
    expect(excerpt.endsWith('…')).toBe(true);
    expect('aaaa bbbb cccc ddddd eeee ffff gggg hhhh'.startsWith(excerpt.slice(0, -1))).toBe(true);
  });

  it.each([0, -1, 5000])('refuses excerpt(length: %i) as BAD_USER_INPUT naming `length`', async (length) => {
    await factory.treatment({ title: `Bad Excerpt ${length < 0 ? 'negative' : length}` });
    const slug = `bad-excerpt-${length < 0 ? 'negative' : length}`;
    const response = await app.graphql(`{ treatment(slug: "${slug}") { body { excerpt(length: ${length}) } } }`);
    expectBadUserInput(response, 'length');
  });
});
