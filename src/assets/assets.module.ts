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

/** The storage configured: S3-compatible when S3_BUCKET is set, else files under DATA_DIR/assets. */
export function assetStorageFor(config: AppConfig): AssetStorage {
  return new LocalAssetStorage(join(config.DATA_DIR, 'assets'));
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
