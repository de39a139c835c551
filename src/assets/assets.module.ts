import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { signingSecretProvider } from '../auth/signing-secret';
import { RichTextImages } from '../common/rich-text/rich-text-images';
import { AppConfig } from '../config/app-config';
import { RateLimitModule } from '../delivery/rate-limit.module';
import { AssetStorage, LocalAssetStorage } from './asset-storage';
import { AssetsController } from './assets.controller';
import { AssetsResolver, ImageResolver } from './assets.resolver';
import { AssetsService } from './assets.service';
import { RichTextAssets } from './rich-text-assets';
import { S3AssetStorage } from './s3-asset-storage';

/** The storage configured: S3-compatible when S3_BUCKET is set, else files under DATA_DIR/assets. */
export function assetStorageFor(config: AppConfig): AssetStorage {
  if (!config.S3_BUCKET) return new LocalAssetStorage(join(config.DATA_DIR, 'assets'));
  return new S3AssetStorage({
    bucket: config.S3_BUCKET,
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    // S3-compatible servers mostly want endpoint/bucket/key; AWS itself takes virtual-hosted names.
    forcePathStyle: config.S3_FORCE_PATH_STYLE ?? config.S3_ENDPOINT !== undefined,
  });
}

/**
 * The media library (README "Images"): uploads, details, trash, renditions, and the alt-text rule
 * of publishing. Global for the rich-text images it provides to the shared RichText resolver.
 */
@Global()
@Module({
  imports: [AuthModule, RateLimitModule],
  controllers: [AssetsController],
  providers: [
    AssetsService,
    AssetsResolver,
    ImageResolver,
    signingSecretProvider,
    { provide: AssetStorage, inject: [AppConfig], useFactory: assetStorageFor },
    { provide: RichTextImages, useClass: RichTextAssets },
  ],
  exports: [AssetsService, RichTextImages],
})
export class AssetsModule {}
