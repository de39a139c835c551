import { Module } from '@nestjs/common';
import { LocationsEditorialResolver } from './locations-editorial.resolver';
import { LocationsResolver } from './locations.resolver';
import { LocationsService } from './locations.service';

@Module({
  providers: [LocationsService, LocationsResolver, LocationsEditorialResolver],
  exports: [LocationsService],
})
export class LocationsModule {}
