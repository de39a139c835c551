import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

/** Where the IDE's files are served: below the endpoint, so a proxy that passes /graphql passes them too. */
export const IDE_ASSET_PREFIX = '/graphql/ide/';

interface IdeAsset {
  /** Path below IDE_ASSET_PREFIX; it names the version or the content hash, so it can be cached for good. */
  path: string;
  contentType: string;
  body: Buffer;
}

const JAVASCRIPT = 'application/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Starts the IDE: GraphiQL with the endpoint's URL; the style nonce lets GraphiQL's dialogs add their <style> under the page's CSP. */
const IDE_SCRIPT = `(function () {
  var script = document.currentScript;
  window.__webpack_nonce__ = script.nonce;
  var url = new URL(script.getAttribute('data-endpoint'), window.location.href).href;
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: GraphiQL.createFetcher({ url: url }),
    defaultQuery: script.getAttribute('data-default-query'),
    defaultEditorToolsVisibility: true,
  }));
})();
`;

const IDE_STYLES = `html, body { height: 100%; margin: 0; }
#graphiql { height: 100vh; }
`;

/** What the editor shows on a first visit: a query every practice site runs. */
const DEFAULT_QUERY = `# Practice CMS: public content needs no credential.
# Editors: add {"Authorization": "Bearer <token>"} under Headers.
{
  treatments(first: 5) {
    totalCount
    edges { node { slug title summary conditions { name } } }
  }
}
`;

function packageFile(packageName: string, file: string): { version: string; body: Buffer } {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const { version } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  // The bundles end with a source map comment; the map is not served, so do not send browsers after it.
  const text = readFileSync(join(dirname(manifestPath), file), 'utf8').replace(/\n\/[/*]# sourceMappingURL=\S+\s*(\*\/)?\s*$/, '\n');
  return { version, body: Buffer.from(text) };
}

function ownFile(name: string, extension: string, text: string): { path: string; body: Buffer } {
  const body = Buffer.from(text);
  return { path: `${name}-${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${extension}`, body };
}

/** React 18 UMD (GraphiQL 4's UMD bundle expects React 18 globals), GraphiQL, and our two small files: all from node_modules, no CDN. */
function loadIdeAssets() {
  const react = packageFile('react', 'umd/react.production.min.js');
  const reactDom = packageFile('react-dom', 'umd/react-dom.production.min.js');
  const graphiqlScript = packageFile('graphiql', 'graphiql.min.js');
  const graphiqlStyles = packageFile('graphiql', 'graphiql.min.css');
  const script = ownFile('ide', 'js', IDE_SCRIPT);
  const styles = ownFile('ide', 'css', IDE_STYLES);
  const assets = {
    react: { path: `react@${react.version}/react.production.min.js`, contentType: JAVASCRIPT, body: react.body },
    reactDom: { path: `react-dom@${reactDom.version}/react-dom.production.min.js`, contentType: JAVASCRIPT, body: reactDom.body },
    graphiqlScript: { path: `graphiql@${graphiqlScript.version}/graphiql.min.js`, contentType: JAVASCRIPT, body: graphiqlScript.body },
    graphiqlStyles: { path: `graphiql@${graphiqlStyles.version}/graphiql.min.css`, contentType: CSS, body: graphiqlStyles.body },
    script: { path: script.path, contentType: JAVASCRIPT, body: script.body },
    styles: { path: styles.path, contentType: CSS, body: styles.body },
  } satisfies Record<string, IdeAsset>;
  return assets;
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function idePage(assets: ReturnType<typeof loadIdeAssets>, endpoint: string, nonce: string): string {
  const url = (asset: IdeAsset) => IDE_ASSET_PREFIX + asset.path;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphQL IDE · Practice CMS</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${url(assets.graphiqlStyles)}">
<link rel="stylesheet" href="${url(assets.styles)}">
</head>
<body>
<div id="graphiql">Loading the GraphQL IDE…</div>
<script src="${url(assets.react)}"></script>
<script src="${url(assets.reactDom)}"></script>
<script src="${url(assets.graphiqlScript)}"></script>
<script src="${url(assets.script)}" nonce="${nonce}" data-endpoint="${escapeAttribute(endpoint)}" data-default-query="${escapeAttribute(DEFAULT_QUERY)}"></script>
</body>
</html>
`;
}

/**
 * The IDE page's policy: its scripts and styles from this origin only, GraphiQL's one runtime
 * <style> element by nonce (its dialogs lock page scroll with it), the fonts and icons that
 * GraphiQL's CSS inlines as data: URLs, and requests to this origin only.
 */
export function ideContentSecurityPolicy(styleNonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const ideOffPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>GraphQL API · Practice CMS</title></head>
<body>
<h1>Practice CMS GraphQL API</h1>
<p>This is the GraphQL endpoint. Send queries as JSON with <code>POST /graphql</code>
(<code>{"query": "{ treatments(first: 5) { edges { node { title } } } }"}</code>), or with
<code>GET /graphql?query=…</code> and the header <code>apollo-require-preflight: true</code>.</p>
<p>The in-browser IDE is turned off on this server (set <code>GRAPHQL_IDE=true</code> to turn it on).
The schema is in <code>schema.gql</code> in the repository.</p>
</body>
</html>
`;

/** A browser opening the endpoint: a GET that prefers HTML and carries no operation (`query`, or a persisted query's `extensions`). */
function isBrowserVisit(request: FastifyRequest, endpoint: string): boolean {
  if (request.method !== 'GET') return false;
  const path = request.url.split('?', 1)[0];
  if (path !== endpoint && path !== `${endpoint}/`) return false;
  if (!request.headers.accept?.includes('text/html')) return false;
  const query = request.query as Record<string, unknown> | undefined;
  return query?.query === undefined && query?.extensions === undefined;
}

function sendHtml(reply: FastifyReply, html: string): void {
  reply.code(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
}

/**
 * `GET /graphql` from a browser: the GraphiQL IDE when GRAPHQL_IDE is on, else a short page
 * that says how to call the API. Answered before Apollo, which would treat it as a GET without
 * a query. Operations over GET (`?query=…`) and every POST go on to Apollo unchanged.
 */
export function registerIde(fastify: FastifyInstance, options: { enabled: boolean; endpoint: string }): void {
  const { endpoint } = options;
  if (!options.enabled) {
    fastify.addHook('onRequest', (request, reply, done) => {
      if (isBrowserVisit(request, endpoint)) return sendHtml(reply, ideOffPage);
      done();
    });
    return;
  }
  const assets = loadIdeAssets();
  for (const asset of Object.values(assets) as IdeAsset[]) {
    fastify.get(IDE_ASSET_PREFIX + asset.path, (_request, reply) => {
      reply.header('cache-control', 'public, max-age=31536000, immutable').type(asset.contentType).send(asset.body);
    });
  }
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!isBrowserVisit(request, endpoint)) return done();
    const nonce = randomBytes(16).toString('base64');
    reply.header('content-security-policy', ideContentSecurityPolicy(nonce));
    sendHtml(reply, idePage(assets, endpoint, nonce));
  });
}
