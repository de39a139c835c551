import DataLoader from 'dataloader';
import { type Asset } from './asset.entity';
import { type AssetsService } from './assets.service';

const loaders = new WeakMap<object, DataLoader<string, Asset | null>>();

/** The request's asset loader: every image of a response (fields and rich text) in one statement. */
export function assetLoaderOf(context: object, assets: AssetsService): DataLoader<string, Asset | null> {
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader<string, Asset | null>(async (ids) => {
      const found = await assets.findMany(ids);
      return ids.map((id) => found.get(id) ?? null);
    });
    loaders.set(context, loader);
  }
  return loader;
}
