import { Module } from '@nestjs/common';
import { ProvidersEditorialResolver } from './providers-editorial.resolver';
import { ProvidersResolver } from './providers.resolver';
import { ProvidersService } from './providers.service';

@Module({
  providers: [ProvidersService, ProvidersResolver, ProvidersEditorialResolver],
  exports: [ProvidersService],
})
export class ProvidersModule {}
