import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module';
import { JsonLdExtras } from './json-ld-extras';
import { PracticeDirectory } from './practice-directory';
import {
  ConditionJsonLdResolver,
  FaqJsonLdResolver,
  LocationJsonLdResolver,
  PracticeJsonLdResolver,
  ProviderJsonLdResolver,
  TreatmentJsonLdResolver,
} from './structured-data.resolvers';

/** schema.org JSON-LD (`jsonLd`) on every public document type. */
@Module({
  imports: [AssetsModule],
  providers: [
    PracticeDirectory,
    JsonLdExtras,
    TreatmentJsonLdResolver,
    ConditionJsonLdResolver,
    FaqJsonLdResolver,
    ProviderJsonLdResolver,
    LocationJsonLdResolver,
    PracticeJsonLdResolver,
  ],
})
export class StructuredDataModule {}
