import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Where asset bytes live: originals and the renditions made from them, by key
 * (`originals/<id>.jpg`, `renditions/<id>/<variant>`). One interface, so the local disk (the
 * default) and S3-compatible storage are interchangeable.
 */
export abstract class AssetStorage {
  /** Writes the bytes at `key`, replacing what was there. */
  abstract put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The bytes at `key`, or null when there are none. */
  abstract get(key: string): Promise<Buffer | null>;
  /** Removes every object whose key starts with `prefix` (an asset's original and renditions). */
  abstract deletePrefix(prefix: string): Promise<void>;
}

const KEY_PATTERN = /^[a-z]+\/[0-9a-f-]{36}(?:\.[a-z]+|\/[A-Za-z0-9._-]+)?\/?$/;

/** Keys are built by the media library only; anything else is a bug, never a path outside the root. */
export function assertKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error(`Invalid asset storage key ${JSON.stringify(key)}`);
}

/** Files under a directory (DATA_DIR/assets by default): nothing to set up, survives restarts. */
export class LocalAssetStorage extends AssetStorage {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    assertKey(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error(`Asset storage key ${key} leaves the storage directory`);
    return path;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Written aside and renamed, so that a reader never sees half a file.
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, path);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    // Prefixes are `originals/<id>` (a file with an extension follows) or `renditions/<id>/` (a directory).
    if (prefix.endsWith('/')) {
      await rm(this.pathOf(prefix), { recursive: true, force: true });
      return;
    }
    const directory = dirname(this.pathOf(`${prefix}.x`));
    const name = prefix.slice(prefix.lastIndexOf('/') + 1);
    const entries = await readdir(directory).catch(() => [] as string[]);
    await Promise.all(entries.filter((entry) => entry.startsWith(`${name}.`)).map((entry) => rm(join(directory, entry), { force: true })));
  }
}
