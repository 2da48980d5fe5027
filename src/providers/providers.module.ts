import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ProviderDirectoryRepository } from './provider-directory.repository.js';
import { ProviderRegistry } from './provider-registry.service.js';
import { SimulatedRepository } from './simulated/simulated.repository.js';

@Module({
  imports: [CatalogModule],
  providers: [ProviderDirectoryRepository, SimulatedRepository, ProviderRegistry],
  exports: [ProviderRegistry, SimulatedRepository, ProviderDirectoryRepository],
})
export class ProvidersModule {}
