import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permission, Requires } from '../auth/permissions';
import { AppError } from '../common/errors/app-error';
import { type GraphQLContext } from '../common/graphql/graphql-context';
import { ImageModel } from '../common/images/image.model';
import { Asset } from './asset.entity';
import { AssetIdInput, AssetsArgs, RenditionArgs, SrcSetArgs, TrashAssetInput, UpdateAssetInput } from './asset.inputs';
import { assetLoaderOf } from './asset-loader';
import { AssetConnection, AssetModel, FocalPointModel, ImageFit, ImageFormat } from './asset.model';
import { AssetsService } from './assets.service';
import { MIME_TYPES } from './image-intake';
import { type RenditionFit, type RenditionFormat } from './renditions';

const FORMATS: Record<ImageFormat, RenditionFormat> = { WEBP: 'webp', AVIF: 'avif', JPEG: 'jpeg', PNG: 'png' };
const FITS: Record<ImageFit, RenditionFit> = { COVER: 'cover', INSIDE: 'inside' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver(() => AssetModel)
export class AssetsResolver {
  constructor(private readonly service: AssetsService) {}

  @Requires(Permission.MEDIA_WRITE, Permission.CONTENT_WRITE, Permission.CONTENT_READ_DRAFT)
  @Query(() => AssetConnection, {
    description: 'The media library, newest first (or its trash). Editors and API keys with media:write, content:write or content:read-draft.',
  })
  assets(@Args() args: AssetsArgs) {
    return this.service.list({ first: args.first, after: args.after }, { trashed: args.trashed, search: args.search });
  }

  @Requires(Permission.MEDIA_WRITE, Permission.CONTENT_WRITE, Permission.CONTENT_READ_DRAFT)
  @Query(() => AssetModel, { nullable: true, description: 'One asset of the media library (trashed ones too), or null.' })
  asset(@Args('id', { description: 'The asset id.', type: () => ID }) id: string): Promise<Asset | null> {
    if (!UUID.test(id)) throw AppError.badInput([{ path: 'id', message: 'must be a UUID' }]);
    return this.service.find(id, { trashed: true });
  }

  @Requires(Permission.MEDIA_WRITE)
  @Mutation(() => AssetModel, {
    description: "Changes an asset's alt text, decorative flag, caption, credit or focal point. Pages that show it change with it.",
  })
  updateAsset(@CurrentActor() actor: Actor, @Args('input', { description: 'The asset and its changes.' }) input: UpdateAssetInput): Promise<Asset> {
    return this.service.update(actor, input);
  }

  @Requires(Permission.MEDIA_WRITE)
  @Mutation(() => AssetModel, {
    description: 'Moves an asset to the trash: its renditions stop being served. Refused (CONFLICT naming them) while published pages use it, unless `detach`.',
  })
  trashAsset(@CurrentActor() actor: Actor, @Args('input', { description: 'The asset, and whether to detach it.' }) input: TrashAssetInput): Promise<Asset> {
    return this.service.trash(actor, input.id, input.detach);
  }

  @Requires(Permission.MEDIA_WRITE)
  @Mutation(() => AssetModel, { description: 'Takes an asset out of the trash.' })
  restoreAsset(@CurrentActor() actor: Actor, @Args('input', { description: 'The asset.' }) input: AssetIdInput): Promise<Asset> {
    return this.service.restore(actor, input.id);
  }

  @Requires(Permission.CONTENT_PURGE)
  @Mutation(() => String, {
    description:
      'Deletes a trashed asset for good, with its files; returns its id. Refused (CONFLICT naming them) while any document or pending draft uses it. Admins only.',
  })
  purgeAsset(@CurrentActor() actor: Actor, @Args('input', { description: 'The asset.' }) input: AssetIdInput): Promise<string> {
    return this.service.purge(actor, input.id);
  }

  @ResolveField(() => String, { description: 'MIME type of the stored original, from its content.' })
  mimeType(asset: Asset): string {
    return MIME_TYPES[asset.format];
  }

  @ResolveField(() => FocalPointModel, { nullable: true, description: 'The point crops keep in view; the center when null.' })
  focalPoint(asset: Asset): FocalPointModel | null {
    return asset.focalX === null || asset.focalY === null ? null : { x: asset.focalX, y: asset.focalY };
  }

  @ResolveField(() => String, {
    description:
      'Signed, absolute URL of a rendition (made on the first request, then cached; immutable). Without width and height: the original size. Never larger than the original.',
  })
  url(@Parent() asset: Asset, @Args() args: RenditionArgs): string {
    if (args.fit === ImageFit.COVER && (!args.width || !args.height)) throw AppError.badInput([{ path: 'fit', message: 'COVER needs both width and height' }]);
    return this.service.renditionUrl(asset, {
      width: args.width ?? 0,
      height: args.height ?? 0,
      fit: FITS[args.fit],
      format: FORMATS[args.format],
      quality: args.quality,
    });
  }

  @ResolveField(() => String, {
    description: 'A `srcset` attribute value: one signed rendition URL per width ("<url> 640w, …"), widths above the original left out.',
  })
  srcSet(@Parent() asset: Asset, @Args() args: SrcSetArgs): string {
    const widths = [...new Set(args.widths.filter((width) => width <= asset.width))].sort((a, b) => a - b);
    if (widths.length === 0) widths.push(asset.width);
    return widths
      .map((width) => `${this.service.renditionUrl(asset, { width, height: 0, fit: 'inside', format: FORMATS[args.format], quality: args.quality })} ${width}w`)
      .join(', ');
  }
}

/** An image placed on a page: its asset, through the request's loader, and the alt text that applies. */
@Resolver(() => ImageModel)
export class ImageResolver {
  constructor(private readonly service: AssetsService) {}

  @ResolveField(() => AssetModel, { nullable: true, description: 'The media-library asset; null when it has been trashed since.' })
  asset(@Parent() image: ImageModel, @Context() context: GraphQLContext): Promise<Asset | null> {
    return assetLoaderOf(context, this.service).load(image.assetId);
  }

  @ResolveField(() => String, {
    description: 'The alt text to use: given at this use, else the asset\'s; "" for a decorative image (render it as alt="").',
  })
  async alt(@Parent() image: ImageModel, @Context() context: GraphQLContext): Promise<string> {
    if (image.decorative) return '';
    if (image.alt) return image.alt;
    const asset = await assetLoaderOf(context, this.service).load(image.assetId);
    return asset?.decorative ? '' : (asset?.alt ?? '');
  }
}
