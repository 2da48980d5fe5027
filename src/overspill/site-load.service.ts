import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, InvalidInputError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { SiteCapacity } from '../domain/overspill/overspill-types.js';
import { SimulatedRepository } from '../providers/simulated/simulated.repository.js';
import type { Actor } from '../workloads/workload.service.js';
import { OverspillInputsService } from './overspill-inputs.service.js';
import { OverspillPolicyService } from './overspill-policy.service.js';
import { OverspillSiteRepository } from './overspill-site.repository.js';

export interface SiteLoad {
  readonly site: string;
  readonly capacity: SiteCapacity;
  /** The load Cumulus does not manage, as a fraction of the site (what was stored). */
  readonly backgroundUtilization: number;
}

/**
 * Scripts a simulated site's load for demos and tests: "make the site 92 % busy now". The
 * difference between that and what Cumulus's own deployments take is stored as background load,
 * so moves change the figure afterwards as they would on a real site. Never in production.
 */
@Injectable()
export class SiteLoadService {
  constructor(
    private readonly policies: OverspillPolicyService,
    private readonly sites: OverspillSiteRepository,
    private readonly simulated: SimulatedRepository,
    private readonly inputs: OverspillInputsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async simulate(actor: Actor, rawSite: string, vcpuUtilization: number): Promise<SiteLoad> {
    if (this.config.nodeEnv === 'production')
      throw new ForbiddenError(
        "simulateSiteLoad is refused in production (NODE_ENV=production): a real site's load comes from its adapter",
      );
    if (!(vcpuUtilization >= 0 && vcpuUtilization <= 1))
      throw new InvalidInputError('must be a fraction between 0 and 1', 'vcpuUtilization');
    const site = await this.policies.checkSite(rawSite, 'site');
    const row = (await this.sites.findSite(site.provider, site.region))!;
    if (row.adapterId !== 'simulated' || row.capacityVcpu === null || row.capacityVcpu <= 0)
      throw new InvalidInputError(
        `${site.id} is served by the ${row.adapterId} adapter: only a simulated site's load can be scripted`,
        'site',
      );
    const deployed = await this.simulated.usedCapacity(site.provider, site.region);
    const background = Math.min(1, Math.max(0, vcpuUtilization - deployed.vcpu / row.capacityVcpu));
    await this.simulated.storeSiteLoad(site.provider, site.region, background, actor.name);
    return { site: site.id, capacity: await this.inputs.capacityOf(site), backgroundUtilization: background };
  }
}
