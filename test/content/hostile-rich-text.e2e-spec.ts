import { Role } from '../../src/auth/permissions';
import { type EditorialClient } from '../support/editorial-client';
import { useTestApp, signedInClient } from '../support/use-test-app';

const HOSTILE_MARKDOWN = [
  '## What to expect',
  '',
  'The pump is **refilled** every few months; see [our guide](https://example.com/guide).',
  '',
  '- Trial first',
  '- Then the implant',
  '',
  '<script>alert("script")</script>',
  '',
  '<img src=x onerror=alert(1)>',
  '',
  '[click me](javascript:alert(1))',
  '',
  '<a href="javascript:alert(1)">also me</a>',
  '',
  '<iframe src="https://evil.example/frame"></iframe>',
  '',
  '<p style="position:fixed;top:0">Styled paragraph</p>',
  '',
  '<div onclick="alert(1)" onmouseover="alert(2)">Hover text</div>',
].join('\n');

const UPDATED_HOSTILE_MARKDOWN = `${HOSTILE_MARKDOWN}\n\n<svg onload=alert(3)></svg>\n\n<a href="JaVaScRiPt:alert(4)">mixed case</a>`;

/** Everything in the HTML that could run code, load a frame or restyle the page. */
function expectHarmless(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<iframe/i);
  expect(html).not.toMatch(/<svg/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:/i);
  expect(html).not.toMatch(/style\s*=/i);
  expect(html).not.toContain('alert(');
}

/** Ordinary Markdown still renders. */
function expectRendered(html: string): void {
  expect(html).toContain('<h2>What to expect</h2>');
  expect(html).toContain('<strong>refilled</strong>');
  expect(html).toContain('<a href="https://example.com/guide" rel="noopener noreferrer">our guide</a>');
  expect(html).toMatch(/<ul>\s*<li>Trial first<\/li>\s*<li>Then the implant<\/li>\s*<\/ul>/);
  expect(html).toContain('Styled paragraph');
}

describe('hostile rich text sent through the admin API', () => {
  const app = useTestApp();
  let editor: EditorialClient;

  beforeAll(async () => {
    editor = await signedInClient(app, Role.EDITOR);
  });

  const BODY = 'body { markdown html text }';

  it('never serves scripts, event handlers, javascript: links, frames or inline styles in body.html, in the draft or once published', async () => {
    const created = await editor.createTreatment({ title: 'Intrathecal Pump', body: HOSTILE_MARKDOWN }, `id version ${BODY}`);
    // The Markdown is kept as written; only the rendering is cleaned.
    expect(created.body.markdown).toBe(HOSTILE_MARKDOWN);
    expectHarmless(created.body.html);
    expectRendered(created.body.html);
    expect(created.body.text).not.toContain('alert(');

    const preview = await editor.ok(`{ treatment(slug: "intrathecal-pump", stage: DRAFT) { ${BODY} } }`);
    expectHarmless(preview.treatment.body.html);
    expectRendered(preview.treatment.body.html);

    await editor.publish('Treatment', created);
    const live = await app.graphql(`{ treatment(slug: "intrathecal-pump") { ${BODY} } }`);
    expectHarmless(live.data.treatment.body.html);
    expectRendered(live.data.treatment.body.html);
  });

  it('cleans a hostile edit of a live page in its pending draft and again once the draft is published', async () => {
    const created = await editor.createTreatment({ title: 'Pump Refill', body: 'Plain **safe** text.' });
    const published = await editor.publish('Treatment', created);
    const edited = await editor.mutate(
      'updateTreatment',
      'UpdateTreatmentInput',
      { id: created.id, version: published.version, body: UPDATED_HOSTILE_MARKDOWN },
      `id version ${BODY}`,
    );
    expectHarmless(edited.body.html);
    expectRendered(edited.body.html);

    const live = await app.graphql(`{ treatment(slug: "pump-refill") { ${BODY} } }`);
    expect(live.data.treatment.body.html).toBe('<p>Plain <strong>safe</strong> text.</p>');

    await editor.publish('Treatment', edited);
    const republished = await app.graphql(`{ treatment(slug: "pump-refill") { ${BODY} } }`);
    expect(republished.data.treatment.body.markdown).toBe(UPDATED_HOSTILE_MARKDOWN);
    expectHarmless(republished.data.treatment.body.html);
    expectRendered(republished.data.treatment.body.html);
  });

  it('cleans a FAQ answer the same way', async () => {
    const faq = await editor.createFaq({ question: 'Is the pump safe?', answer: HOSTILE_MARKDOWN }, 'id version answer { html }');
    expectHarmless(faq.answer.html);
    expectRendered(faq.answer.html);
  });
});
