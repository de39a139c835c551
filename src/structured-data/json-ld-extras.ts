import { Injectable } from '@nestjs/common';
import { AssetsService } from '../assets/assets.service';
import { type ImageRef } from '../common/images/image.model';
import { type GraphQLContext } from '../common/graphql/graphql-context';
import { DocumentType } from '../content/documents/document-status';
import { type DocumentEntity } from '../content/documents/document.entity';
import { SiteUrls } from '../content/site-urls';
import { type ReviewedDocument } from '../medical-review/medical-review.entity';
import { displayNameOf } from '../providers/provider-names';
import { Provider } from '../providers/provider.entity';
import { type NodeExtras } from './json-ld';

/**
 * What other features know about a document that its node carries: its images (the media
 * library's renditions) and, for medically reviewed pages, the last review.
 */
@Injectable()
export class JsonLdExtras {
  constructor(
    private readonly assets: AssetsService,
    private readonly siteUrls: SiteUrls,
  ) {}

  /** The document's own images, most representative first; its social image (`seo.ogImage`) last. */
  async images(document: DocumentEntity, own: readonly (ImageRef | null | undefined)[], context: GraphQLContext): Promise<NodeExtras> {
    const images = await this.assets.shareableUrls([...own, document.ogImage], context);
    return images.length > 0 ? { images } : {};
  }

  /**
   * A reviewed page's images and last clinical review; the reviewer only when published, as
   * `medicalReview.reviewedBy` answers the public. Call after the page's related documents are
   * loaded: the reviewer is often one of its providers, already in the request's loader.
   */
  async reviewed(document: ReviewedDocument, own: readonly (ImageRef | null | undefined)[], context: GraphQLContext): Promise<NodeExtras> {
    const [extras, reviewer] = await Promise.all([
      this.images(document, own, context),
      document.reviewedAt && document.reviewedById ? context.loaders.documentById(Provider, 'public').load(document.reviewedById) : null,
    ]);
    if (!document.reviewedAt) return extras;
    return {
      ...extras,
      review: {
        reviewedAt: document.reviewedAt,
        reviewer: reviewer ? { name: displayNameOf(reviewer), url: this.siteUrls.urlOf(DocumentType.PROVIDER, reviewer.slug) } : null,
      },
    };
  }
}
