import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionOf } from '../common/pagination/connection.model';

export enum ImageFormat {
  WEBP = 'WEBP',
  AVIF = 'AVIF',
  JPEG = 'JPEG',
  PNG = 'PNG',
}

registerEnumType(ImageFormat, {
  name: 'ImageFormat',
  description: 'Format of an image rendition.',
  valuesMap: {
    WEBP: { description: 'WebP: small, every current browser (default).' },
    AVIF: { description: 'AVIF: smaller still, slower to make the first time.' },
    JPEG: { description: 'JPEG, for old clients and e-mail (transparency becomes white).' },
    PNG: { description: 'PNG: lossless, large; for logos that must stay sharp.' },
  },
});

export enum ImageFit {
  COVER = 'COVER',
  INSIDE = 'INSIDE',
}

registerEnumType(ImageFit, {
  name: 'ImageFit',
  description: 'How a rendition fills the width and height asked for.',
  valuesMap: {
    COVER: { description: 'Fill the box exactly, cropping around the focal point (needs width and height).' },
    INSIDE: { description: 'Fit within the box, keeping the whole image and its proportions (default).' },
  },
});

@ObjectType('FocalPoint', { description: 'The point to keep in view when an image is cropped, as fractions of its width and height.' })
export class FocalPointModel {
  @Field(() => Float, { description: 'From the left edge: 0 to 1.' })
  x: number;

  @Field(() => Float, { description: 'From the top edge: 0 to 1.' })
  y: number;
}

@ObjectType('Asset', {
  description:
    'An image of the media library. Delivered as renditions (`url`, `srcSet`) made on the first request and cached; the stored original carries no metadata (no EXIF position or device data).',
})
export class AssetModel {
  @Field(() => ID, { description: 'Stable identifier (UUID); rich text references the image as `![alt](asset:<id>)`.' })
  id: string;

  @Field(() => String, { description: 'MIME type of the stored original, from its content: image/jpeg, image/png, image/webp, image/avif or image/gif.' })
  mimeType: string;

  @Field(() => Int, { description: 'Width of the original in pixels (upright).' })
  width: number;

  @Field(() => Int, { description: 'Height of the original in pixels (upright).' })
  height: number;

  @Field(() => Int, { description: 'Size of the stored original in bytes.' })
  byteSize: number;

  @Field(() => String, { nullable: true, description: "The upload's file name, for editors." })
  filename: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Alt text: what the image shows, for screen readers. Required before a page using it is published, unless decorative.',
  })
  alt: string | null;

  @Field(() => Boolean, { description: 'Whether the image is decorative (shown with empty alt text; needs none).' })
  decorative: boolean;

  @Field(() => String, { nullable: true, description: 'Caption shown with the image.' })
  caption: string | null;

  @Field(() => String, { nullable: true, description: 'Photographer or source, as it must be credited.' })
  credit: string | null;

  @Field(() => FocalPointModel, { nullable: true, description: 'The point crops keep in view; the center when null.' })
  focalPoint: FocalPointModel | null;

  @Field(() => String, { description: 'A tiny blurred WebP as a data: URI (a few hundred bytes), to show while the image loads.' })
  placeholder: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was uploaded.' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { description: 'When its details last changed.' })
  updatedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was moved to the trash (null when not trashed).' })
  deletedAt: Date | null;
}

export const { Connection: AssetConnection, Edge: AssetEdge } = ConnectionOf(AssetModel, 'Asset', 'asset');
