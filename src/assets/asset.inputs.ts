import { ArgsType, Field, Float, ID, InputType, Int, OmitType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ALT_TEXT_LIMIT } from '../common/images/image.model';
import { ConnectionArgs } from '../content/documents/connection.args';
import { ImageFit, ImageFormat } from './asset.model';
import { MAX_RENDITION_SIDE } from './renditions';

@InputType({ description: 'A point to keep in view when cropping, as fractions of width and height.' })
export class FocalPointInput {
  @Field(() => Float, { description: 'From the left edge: 0 to 1.' })
  @Min(0, { message: 'must be between 0 and 1' })
  @Max(1, { message: 'must be between 0 and 1' })
  x: number;

  @Field(() => Float, { description: 'From the top edge: 0 to 1.' })
  @Min(0, { message: 'must be between 0 and 1' })
  @Max(1, { message: 'must be between 0 and 1' })
  y: number;
}

@InputType({ description: "Changes to an asset's details; omitted fields keep their value, null clears." })
export class UpdateAssetInput {
  @Field(() => ID, { description: 'The asset.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Alt text (up to 500 characters): what the image shows.' })
  @IsOptional()
  @IsString()
  @MaxLength(ALT_TEXT_LIMIT)
  alt?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'The image is decorative: it needs no alt text.' })
  @IsOptional()
  @IsBoolean()
  decorative?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Caption (up to 1000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  caption?: string | null;

  @Field(() => String, { nullable: true, description: 'Credit: photographer or source (up to 300 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  credit?: string | null;

  @Field(() => FocalPointInput, { nullable: true, description: 'The point crops keep in view; null for the center.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FocalPointInput)
  focalPoint?: FocalPointInput | null;
}

@InputType({ description: 'An asset to act on.' })
export class AssetIdInput {
  @Field(() => ID, { description: 'The asset.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;
}

@InputType({ description: 'An asset to move to the trash.' })
export class TrashAssetInput extends AssetIdInput {
  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'Also remove it from every document that uses it (their live versions and drafts). Without it, use by a published page refuses the trash (CONFLICT naming them).',
  })
  @IsBoolean()
  detach: boolean = false;
}

@ArgsType()
export class AssetsArgs extends OmitType(ConnectionArgs, ['stage'] as const, ArgsType) {
  @Field(() => Boolean, { defaultValue: false, description: 'List the trash instead of the library.' })
  @IsBoolean()
  trashed: boolean = false;

  @Field(() => String, { nullable: true, description: 'Only assets whose file name, alt text, caption or credit contains this text.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string | null;
}

@ArgsType()
export class RenditionArgs {
  @Field(() => Int, { nullable: true, description: `Width in pixels, 1 to ${MAX_RENDITION_SIDE}; never larger than the original.` })
  @IsOptional()
  @IsInt()
  @Min(1, { message: `must be between 1 and ${MAX_RENDITION_SIDE}` })
  @Max(MAX_RENDITION_SIDE, { message: `must be between 1 and ${MAX_RENDITION_SIDE}` })
  width?: number | null;

  @Field(() => Int, { nullable: true, description: `Height in pixels, 1 to ${MAX_RENDITION_SIDE}.` })
  @IsOptional()
  @IsInt()
  @Min(1, { message: `must be between 1 and ${MAX_RENDITION_SIDE}` })
  @Max(MAX_RENDITION_SIDE, { message: `must be between 1 and ${MAX_RENDITION_SIDE}` })
  height?: number | null;

  @Field(() => ImageFit, { defaultValue: ImageFit.INSIDE, description: 'How the image fills width × height (default INSIDE).' })
  @IsEnum(ImageFit)
  fit: ImageFit = ImageFit.INSIDE;

  @Field(() => ImageFormat, { defaultValue: ImageFormat.WEBP, description: 'Format of the rendition (default WEBP).' })
  @IsEnum(ImageFormat)
  format: ImageFormat = ImageFormat.WEBP;

  @Field(() => Int, { defaultValue: 75, description: 'Quality, 1 to 100 (default 75); PNG ignores it.' })
  @IsInt()
  @Min(1, { message: 'must be between 1 and 100' })
  @Max(100, { message: 'must be between 1 and 100' })
  quality: number = 75;
}

@ArgsType()
export class SrcSetArgs extends OmitType(RenditionArgs, ['width', 'height'] as const, ArgsType) {
  @Field(() => [Int], { description: `Widths of the candidates, 1 to ${MAX_RENDITION_SIDE} each, at most 10; widths above the original's are left out.` })
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(1, { each: true, message: `must be between 1 and ${MAX_RENDITION_SIDE}` })
  @Max(MAX_RENDITION_SIDE, { each: true, message: `must be between 1 and ${MAX_RENDITION_SIDE}` })
  widths: number[];
}
