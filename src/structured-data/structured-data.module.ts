import { Module } from '@nestjs/common';
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
  providers: [
    PracticeDirectory,
    TreatmentJsonLdResolver,
    ConditionJsonLdResolver,
    FaqJsonLdResolver,
    ProviderJsonLdResolver,
    LocationJsonLdResolver,
    PracticeJsonLdResolver,
  ],
})
export class StructuredDataModule {}
