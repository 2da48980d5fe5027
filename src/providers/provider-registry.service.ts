import { Inject, Injectable } from '@nestjs/common';
import { CatalogImportService } from '../catalog/catalog-import.service.js';
import { NotFoundError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AwsAdapter } from './aws/aws.adapter.js';
import { OpenStackAdapter } from './openstack/openstack.adapter.js';
import { ImporterCatalogSource } from './importer-catalog-source.js';
import { ProviderDirectoryRepository, type ProviderAdapterRow } from './provider-directory.repository.js';
import type { CapacitySource, CatalogSource, MigrationDriver } from './provider-port.js';
import { SimulatedAdapter } from './simulated/simulated.adapter.js';
import { SimulatedRepository } from './simulated/simulated.repository.js';

type Adapter = MigrationDriver & Partial<CapacitySource>;
type AdapterFactory = (provider: ProviderAdapterRow) => Adapter;

/**
 * Picks the adapter of a provider by its providers.adapter_id and builds it once per provider
 * from config (endpoint URL and credentials). A new adapter is a new folder and a row here.
 */
@Injectable()
export class ProviderRegistry {
  private readonly adapters = new Map<string, Adapter>();
  private readonly factories: Record<string, AdapterFactory>;

  constructor(
    private readonly directory: ProviderDirectoryRepository,
    private readonly simulated: SimulatedRepository,
    private readonly imports: CatalogImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.factories = {
      simulated: (p) =>
        new SimulatedAdapter(
          p.id,
          p.kind === 'PUBLIC_CLOUD' ? 'cloud' : 'onprem',
          this.simulated,
          this.config.providers.simulated,
        ),
      aws: () => new AwsAdapter(this.config.providers.aws),
      openstack: () => new OpenStackAdapter(this.config.providers.openstack),
    };
  }

  adapterIds(): string[] {
    return Object.keys(this.factories).sort();
  }

  /** Registers an adapter kind (tests and plug-ins); existing providers keep their instance. */
  register(adapterId: string, factory: AdapterFactory): void {
    this.factories[adapterId] = factory;
  }

  async driverFor(providerId: string): Promise<MigrationDriver> {
    return this.adapterFor(providerId);
  }

  /** Null when the provider's adapter cannot report capacity. */
  async capacitySourceFor(providerId: string): Promise<CapacitySource | null> {
    const adapter = await this.adapterFor(providerId);
    return typeof adapter.capacity === 'function' ? (adapter as CapacitySource) : null;
  }

  catalogSourceFor(providerId: string): CatalogSource {
    return new ImporterCatalogSource(providerId, this.imports);
  }

  private async adapterFor(providerId: string): Promise<Adapter> {
    const cached = this.adapters.get(providerId);
    if (cached) return cached;
    const row = await this.directory.findAdapterRow(providerId);
    if (!row)
      throw new NotFoundError(`provider ${providerId} is not in the catalog`, { provider: providerId });
    const factory = this.factories[row.adapterId];
    if (!factory) {
      throw new NotFoundError(
        `provider ${providerId} uses adapter "${row.adapterId}", which this build does not have (${this.adapterIds().join(', ')})`,
        { provider: providerId, adapter: row.adapterId },
      );
    }
    const adapter = factory(row);
    this.adapters.set(providerId, adapter);
    return adapter;
  }
}
