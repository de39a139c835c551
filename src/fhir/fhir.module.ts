import { Module } from '@nestjs/common';
import { FhirExportService } from './fhir-export.service';
import { FhirController } from './fhir.controller';

/** FHIR R4 export of the provider directory (the import side maps onto provider sync). */
@Module({ controllers: [FhirController], providers: [FhirExportService] })
export class FhirModule {}
