import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppError, type FieldError } from '../common/errors/app-error';
import { type StoredImageFormat } from './asset.entity';

/** An upload that passed every check, re-encoded without metadata. */
export interface AcceptedImage {
  data: Buffer;
  format: StoredImageFormat;
  width: number;
  height: number;
  placeholder: string;
}

export interface IntakeLimits {
  maxBytes: number;
  maxPixels: number;
}

export const MIME_TYPES: Record<StoredImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

export const EXTENSIONS: Record<StoredImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif', gif: 'gif' };

const ACCEPTED = 'JPEG, PNG, WebP, AVIF or GIF';

function refuse(message: string): AppError {
  const fields: FieldError[] = [{ path: 'file', message }];
  return AppError.badInput(fields, `The upload was refused: file ${message}`);
}

/**
 * The format the bytes are, read by libvips from the content (magic numbers and headers), never
 * from the file name or the declared content type. SVG is refused: it is a document that can
 * carry scripts and external references, and raster formats cover photos and logos alike.
 */
function formatOf(metadata: Metadata): StoredImageFormat {
  switch (metadata.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'gif':
      return metadata.format;
    case 'heif':
      // libheif reads AVIF and HEIC alike; only AVIF (AV1 inside) is a web format.
      if (metadata.compression === 'av1') return 'avif';
      throw refuse(`is a HEIC image; upload it as ${ACCEPTED}`);
    case 'svg':
      throw refuse(`is an SVG image, which is refused (it can carry scripts); upload a PNG or WebP of it`);
    default:
      throw refuse(`is a ${String(metadata.format).toUpperCase()} image; only ${ACCEPTED} images are accepted`);
  }
}

/** Reads the header only: nothing is decoded before the size and pixel checks pass. */
async function headerOf(data: Buffer): Promise<Metadata> {
  try {
    return await sharp(data, { limitInputPixels: false, animated: true }).metadata();
  } catch {
    throw refuse(`is not an image: its content is not ${ACCEPTED}, whatever its name says`);
  }
}

/**
 * Checks an upload by its content and re-encodes it for storage: the format is sniffed from the
 * bytes, the size and the pixel count (of every frame) are limited before any decoding, and the
 * stored copy keeps no metadata (EXIF GPS position and device data, XMP, IPTC, comments) and
 * is turned upright by its EXIF orientation first.
 */
export async function acceptImage(data: Buffer, limits: IntakeLimits): Promise<AcceptedImage> {
  if (data.length === 0) throw refuse('is empty');
  if (data.length > limits.maxBytes) throw refuse(`is larger than the ${formatBytes(limits.maxBytes)} limit`);
  const header = await headerOf(data);
  const format = formatOf(header);
  const width = header.width ?? 0;
  const frameHeight = header.pageHeight ?? header.height ?? 0;
  const frames = header.pages ?? 1;
  if (width <= 0 || frameHeight <= 0) throw refuse('has no dimensions');
  if (width * frameHeight * frames > limits.maxPixels) {
    throw refuse(
      `is ${width}×${frameHeight} pixels${frames > 1 ? ` × ${frames} frames` : ''}, more than the ${limits.maxPixels.toLocaleString('en-US')}-pixel limit`,
    );
  }
  try {
    const pipeline = sharp(data, { limitInputPixels: limits.maxPixels * frames, animated: format === 'gif' || format === 'webp', failOn: 'error' }).rotate();
    const encoded = await encode(pipeline, format).toBuffer({ resolveWithObject: true });
    return {
      data: encoded.data,
      format,
      width: encoded.info.width,
      height: encoded.info.pageHeight ?? encoded.info.height,
      placeholder: await placeholderOf(encoded.data),
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuse(`could not be read as ${format.toUpperCase()}: it is damaged or truncated`);
  }
}

/** Same format, no metadata (sharp keeps none unless asked), quality high enough to look unchanged. */
function encode(pipeline: Sharp, format: StoredImageFormat): Sharp {
  switch (format) {
    case 'jpeg':
      return pipeline.jpeg({ quality: 90, mozjpeg: true });
    case 'png':
      return pipeline.png({ compressionLevel: 9 });
    case 'webp':
      return pipeline.webp({ quality: 90 });
    case 'avif':
      return pipeline.avif({ quality: 70 });
    case 'gif':
      return pipeline.gif();
  }
}

/** A 16-pixel-wide blurred WebP as a data: URI (a few hundred bytes), for the page to show while the image loads. */
async function placeholderOf(data: Buffer): Promise<string> {
  const tiny = await sharp(data).resize({ width: 16, height: 16, fit: 'inside' }).blur(1).webp({ quality: 40 }).toBuffer();
  return `data:image/webp;base64,${tiny.toString('base64')}`;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
