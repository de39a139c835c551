import { createHmac, timingSafeEqual } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';
import { type Asset } from './asset.entity';

/** Formats renditions are delivered in. */
export type RenditionFormat = 'webp' | 'avif' | 'jpeg' | 'png';
/** cover: fill the box, cropping around the focal point; inside: fit within the box, keeping the whole image. */
export type RenditionFit = 'cover' | 'inside';

/** What a rendition is: its size (0 = follow the other side), fit, format and quality. */
export interface RenditionSpec {
  width: number;
  height: number;
  fit: RenditionFit;
  format: RenditionFormat;
  quality: number;
  /** The asset's pixelsVersion it was made for. */
  version: number;
}

/** Largest side a rendition may ask for; larger requests are refused before any work. */
export const MAX_RENDITION_SIDE = 4096;
export const RENDITION_CONTENT_TYPES: Record<RenditionFormat, string> = { webp: 'image/webp', avif: 'image/avif', jpeg: 'image/jpeg', png: 'image/png' };
const EXTENSION: Record<RenditionFormat, string> = { webp: 'webp', avif: 'avif', jpeg: 'jpg', png: 'png' };
const FORMAT_OF_EXTENSION: Record<string, RenditionFormat> = { webp: 'webp', avif: 'avif', jpg: 'jpeg', png: 'png' };

/** `640x0-inside-q75-v1.webp`: the path segment naming a rendition. */
export function variantOf(spec: RenditionSpec): string {
  return `${spec.width}x${spec.height}-${spec.fit}-q${spec.quality}-v${spec.version}.${EXTENSION[spec.format]}`;
}

const VARIANT_PATTERN = /^(\d{1,4})x(\d{1,4})-(cover|inside)-q(\d{1,3})-v(\d{1,9})\.(webp|avif|jpg|png)$/;

/** The spec a variant segment names, or null when it is not one this server makes. */
export function parseVariant(variant: string): RenditionSpec | null {
  const match = VARIANT_PATTERN.exec(variant);
  if (!match) return null;
  const spec: RenditionSpec = {
    width: Number(match[1]),
    height: Number(match[2]),
    fit: match[3] as RenditionFit,
    quality: Number(match[4]),
    version: Number(match[5]),
    format: FORMAT_OF_EXTENSION[match[6]],
  };
  const sideOk = (side: number) => side >= 0 && side <= MAX_RENDITION_SIDE;
  if (!sideOk(spec.width) || !sideOk(spec.height) || spec.quality < 1 || spec.quality > 100) return null;
  return spec;
}

/**
 * Signs rendition paths so that only URLs the API handed out are served: nobody can make the
 * server render sizes of their choosing. The signature covers the asset id and the whole variant.
 */
export class RenditionSigner {
  constructor(private readonly key: Buffer) {}

  sign(assetId: string, variant: string): string {
    return createHmac('sha256', this.key).update(`${assetId}/${variant}`).digest('base64url').slice(0, 32);
  }

  verify(assetId: string, variant: string, signature: unknown): boolean {
    if (typeof signature !== 'string' || signature.length !== 32) return false;
    return timingSafeEqual(Buffer.from(this.sign(assetId, variant)), Buffer.from(signature));
  }
}

/** Makes a rendition from the stored original; never enlarges beyond it. */
export async function renderRendition(original: Buffer, asset: Pick<Asset, 'width' | 'height' | 'focalX' | 'focalY'>, spec: RenditionSpec): Promise<Buffer> {
  let pipeline = sharp(original, { animated: false });
  const width = spec.width || undefined;
  const height = spec.height || undefined;
  if (spec.fit === 'cover' && width && height) {
    pipeline = coverAroundFocalPoint(pipeline, asset, width, height);
  } else if (width || height) {
    pipeline = pipeline.resize({ width, height, fit: 'inside', withoutEnlargement: true });
  }
  switch (spec.format) {
    case 'webp':
      return pipeline.webp({ quality: spec.quality }).toBuffer();
    case 'avif':
      return pipeline.avif({ quality: spec.quality }).toBuffer();
    case 'jpeg':
      return pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: spec.quality, mozjpeg: true }).toBuffer();
    case 'png':
      return pipeline.png().toBuffer();
  }
}

/** Scales to cover the box, then cuts the box out so that the focal point stays as central as the edges allow. */
function coverAroundFocalPoint(pipeline: Sharp, asset: Pick<Asset, 'width' | 'height' | 'focalX' | 'focalY'>, width: number, height: number): Sharp {
  // Not larger than the original: a smaller box of the same shape.
  const shrink = Math.min(1, asset.width / width, asset.height / height);
  const boxWidth = Math.max(1, Math.round(width * shrink));
  const boxHeight = Math.max(1, Math.round(height * shrink));
  const scale = Math.max(boxWidth / asset.width, boxHeight / asset.height);
  const scaledWidth = Math.max(boxWidth, Math.round(asset.width * scale));
  const scaledHeight = Math.max(boxHeight, Math.round(asset.height * scale));
  const centerX = (asset.focalX ?? 0.5) * scaledWidth;
  const centerY = (asset.focalY ?? 0.5) * scaledHeight;
  const left = Math.min(Math.max(0, Math.round(centerX - boxWidth / 2)), scaledWidth - boxWidth);
  const top = Math.min(Math.max(0, Math.round(centerY - boxHeight / 2)), scaledHeight - boxHeight);
  return pipeline.resize({ width: scaledWidth, height: scaledHeight, fit: 'fill' }).extract({ left, top, width: boxWidth, height: boxHeight });
}
