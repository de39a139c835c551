import { Injectable } from '@nestjs/common';
import { type RichTextImage, RichTextImages } from '../common/rich-text/rich-text-images';
import { assetLoaderOf } from './asset-loader';
import { type Asset } from './asset.entity';
import { AssetsService } from './assets.service';

/** Width rich-text images are shown at, at most (the column of a page), and the srcset candidates. */
const DISPLAY_WIDTH = 1200;
const CANDIDATE_WIDTHS = [480, 800, 1200, 1600, 2400];

/** Resolves rich text's `![alt](asset:<uuid>)` images through the request's asset loader. */
@Injectable()
export class RichTextAssets extends RichTextImages {
  constructor(private readonly assets: AssetsService) {
    super();
  }

  async load(ids: readonly string[], context: object): Promise<ReadonlyMap<string, RichTextImage>> {
    const found = await assetLoaderOf(context, this.assets).loadMany(ids);
    const images = new Map<string, RichTextImage>();
    for (const asset of found) if (asset && !(asset instanceof Error)) images.set(asset.id, this.imageOf(asset));
    return images;
  }

  private imageOf(asset: Asset): RichTextImage {
    const width = Math.min(asset.width, DISPLAY_WIDTH);
    const height = Math.round((asset.height * width) / asset.width);
    const rendition = (candidate: number) => this.assets.renditionUrl(asset, { width: candidate, height: 0, fit: 'inside', format: 'webp', quality: 75 });
    const widths = [...new Set([...CANDIDATE_WIDTHS.filter((candidate) => candidate < asset.width), Math.min(asset.width, CANDIDATE_WIDTHS.at(-1)!)])];
    return {
      src: rendition(width),
      srcSet: widths.map((candidate) => `${rendition(candidate)} ${candidate}w`).join(', '),
      alt: asset.decorative ? '' : (asset.alt ?? ''),
      width,
      height,
    };
  }
}
