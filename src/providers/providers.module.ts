import { Module } from '@nestjs/common';
// Registers how public reads fetch this type (read plans).
import './provider.read-shape';
import { ProvidersEditorialResolver } from './providers-editorial.resolver';
import { ProvidersResolver } from './providers.resolver';
import { ProvidersService } from './providers.service';

@Module({
  providers: [ProvidersService, ProvidersResolver, ProvidersEditorialResolver],
  exports: [ProvidersService],
})
export class ProvidersModule {}
