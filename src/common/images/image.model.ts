import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/**
 * One use of a media-library image in a document field (a provider's photo, a page's social
 * image): the asset and, optionally, alt text for this use. Stored as JSON in the document's
 * column, so drafts, revisions and restores carry it like any other field value.
 */
export interface ImageRef {
  assetId: string;
  /** Alt text for this use; the asset's own alt text applies when null. */
  alt: string | null;
  /** The image adds nothing a reader needs (a decorative background): shown with empty alt text. */
  decorative: boolean;
}

/** Longest alt text accepted: a sentence or two, as screen readers read it. */
export const ALT_TEXT_LIMIT = 500;

@ObjectType('Image', { description: 'A media-library image placed on a page, with the alt text for this use.' })
export class ImageModel implements ImageRef {
  /** The asset; resolved by the media library. */
  assetId: string;

  /** Alt text given at this use, if any. */
  alt: string | null;

  @Field(() => Boolean, { description: 'Whether the image is decorative here (shown with empty alt text).' })
  decorative: boolean;
}

@InputType('ImageInput', { description: 'A media-library image to place on a page.' })
export class ImageInput {
  @Field(() => ID, { description: 'The asset (from `uploadAsset` / POST /assets, or `assets`).' })
  @IsUUID('all', { message: 'must be a UUID' })
  asset: string;

  @Field(() => String, { nullable: true, description: "Alt text for this use (up to 500 characters); the asset's alt text applies when omitted." })
  @IsOptional()
  @IsString()
  @MaxLength(ALT_TEXT_LIMIT)
  alt?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'The image is decorative here: it needs no alt text and is shown with an empty one.' })
  @IsOptional()
  @IsBoolean()
  decorative?: boolean | null;
}

/** The stored value of an image input (null clears the field; undefined leaves it). */
export function imageRefOf(input: ImageInput | null | undefined): ImageRef | null | undefined {
  if (input === undefined) return undefined;
  if (input === null) return null;
  const alt = input.alt?.trim();
  return { assetId: input.asset, alt: alt ? alt : null, decorative: input.decorative ?? false };
}

/** Markdown references media-library images as `![alt](asset:<uuid>)`. */
export const ASSET_IMAGE_PATTERN = /!\[((?:[^\]\\]|\\.)*)\]\(\s*asset:([0-9a-fA-F-]{36})(?:\s+"[^"]*")?\s*\)/g;

/** The media-library images a Markdown text references, in order, with the alt text written for each. */
export function assetImagesIn(markdown: string): { assetId: string; alt: string }[] {
  return [...markdown.matchAll(ASSET_IMAGE_PATTERN)].map((match) => ({ assetId: match[2].toLowerCase(), alt: match[1].replace(/\\(.)/g, '$1').trim() }));
}
