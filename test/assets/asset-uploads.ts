import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type UsedTestApp } from '../support/use-test-app';

export interface UploadOptions {
  filename?: string;
  contentType?: string;
  fields?: Record<string, string>;
}

/** POST /assets as a client uploads: multipart with the file and optional details. */
export async function uploadAsset(app: UsedTestApp, headers: Record<string, string>, data: Buffer, options: UploadOptions = {}) {
  let request = app.http().post('/assets').set(headers);
  for (const [name, value] of Object.entries(options.fields ?? {})) request = request.field(name, value);
  const response = await request.attach('file', data, { filename: options.filename ?? 'photo.jpg', contentType: options.contentType ?? 'image/jpeg' });
  return response;
}

/** Every file under the asset storage directory (relative paths), to show what was stored. */
export async function storedFiles(dataDir: string): Promise<string[]> {
  const root = join(dataDir, 'assets');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
}

/** The path and query of an absolute URL the API handed out (tests call the app directly, not PUBLIC_URL). */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

function binary(response: any, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** GET of a rendition, its body as bytes. */
export function getImage(app: UsedTestApp, path: string) {
  return app.http().get(path).buffer(true).parse(binary);
}
