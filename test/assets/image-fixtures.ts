import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** A photo as a phone takes it: a JPEG whose EXIF holds the camera and the GPS position of the clinic. */
export function jpegWithGpsExif(width = 1200, height = 800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a6ea5' } })
    .composite([{ input: { create: { width: Math.round(width / 3), height: Math.round(height / 3), channels: 3, background: '#f2c14e' } }, left: 10, top: 10 }])
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'ClinicCam', Model: 'ModelX100' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 2/1 30/1', GPSLongitudeRef: 'W', GPSLongitude: '84/1 30/1 0/1' },
    })
    .toBuffer();
}

export function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 20, g: 120, b: 90, alpha: 1 } } })
    .png()
    .toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A decompression bomb's header: a valid PNG that says it is width × height pixels, with a few
 * bytes of data. Nothing is allocated for the pixels; a server that decodes it before checking
 * the dimensions would try to.
 */
export function pngHeaderClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Whether the bytes carry EXIF (or XMP) metadata, as sharp reads it. */
export async function hasMetadata(data: Buffer): Promise<boolean> {
  const metadata = await sharp(data).metadata();
  return Boolean(metadata.exif || metadata.xmp || metadata.iptc);
}
