import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { validate as validCron } from 'node-cron';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors.js';
import { parseDecimal } from '../domain/money.js';
import type { OverspillMetric, OverspillMode } from '../domain/overspill/overspill-types.js';
import { OverspillInputError } from '../domain/overspill/overspill-types.js';
import { validateOverspillInput } from '../domain/overspill/validate-overspill-input.js';
import { ProviderRegistry } from '../providers/provider-registry.service.js';
import type { Actor } from '../workloads/workload.service.js';
import type { ConstraintsSpec } from '../workloads/workload-spec.js';
import { AdvisoryLockService } from '../database/advisory-lock.service.js';
import type { OverspillPolicyEntity } from './entities/overspill-policy.entity.js';
import { OverspillBurstRepository } from './overspill-burst.repository.js';
import { OverspillPolicyRepository } from './overspill-policy.repository.js';
import { OverspillSiteRepository } from './overspill-site.repository.js';
import { OverspillScheduler } from './overspill-scheduler.service.js';
import { toDomainPolicy } from './policy-domain.js';
import { constraintsProblem } from './target-constraints.js';
import { parseSite, type SiteRef } from './site-ref.js';

/** A policy as the API and the CLI give it. */
export interface PolicySpec {
  readonly site: string;
  readonly schedule: string;
  readonly metric: OverspillMetric;
  readonly highWatermark: number;
  readonly lowWatermark: number;
  readonly dwellTicks: number;
  readonly cooldownMinutes: number;
  readonly maxVcpuOut: number;
  readonly maxCostPerDay: string;
  readonly maxMovesPerHour: number;
  readonly selector: { readonly tags: readonly string[]; readonly minPriority: number };
  readonly targetConstraints: ConstraintsSpec | null;
  readonly mode: OverspillMode;
  readonly leaseMinutes: number;
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** Policy CRUD per tenant; one policy per site, so two policies can never pull one site two ways. */
@Injectable()
export class OverspillPolicyService {
  constructor(
    private readonly policies: OverspillPolicyRepository,
    private readonly bursts: OverspillBurstRepository,
    private readonly sites: OverspillSiteRepository,
    private readonly providers: ProviderRegistry,
    private readonly scheduler: OverspillScheduler,
    private readonly locks: AdvisoryLockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Runs a change that depends on the policy having no open burst under the policy's tick lock,
   * so no tick can open a burst between the check and the change.
   */
  private async withoutTicks<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const locked = await this.locks.run(`overspill-policy:${id}`, this.config.overspill.lockWaitMs, fn);
    if (!locked.acquired)
      throw new ConflictError(`a tick of overspill policy ${id} is running: try again when it ends`, { id });
    return locked.value;
  }

  async create(actor: Actor, spec: PolicySpec): Promise<OverspillPolicyEntity> {
    const site = await this.checkSpec(spec);
    const taken = await this.policies.findBySite(site.id);
    if (taken)
      throw new ConflictError(
        `site ${site.id} already has an overspill policy${taken.tenant === actor.tenant ? ` (${taken.id})` : ''}`,
        {
          path: 'site',
        },
      );
    const policy = await this.policies.insert({
      id: randomUUID(),
      tenant: actor.tenant,
      ...this.columns(site, spec),
      createdBy: actor.name,
    });
    await this.scheduler.reload();
    return policy;
  }

  async update(actor: Actor, id: string, spec: PolicySpec): Promise<OverspillPolicyEntity> {
    const current = await this.get(actor, id);
    const site = await this.checkSpec(spec);
    const policy = await this.withoutTicks(id, async () => {
      if (site.id !== current.site) {
        const open = await this.bursts.countOpen(id);
        if (open > 0)
          throw new ConflictError(
            `${open} burst(s) of ${current.site} are still out or moving: the site cannot change until they are back`,
            { path: 'site' },
          );
        if (await this.policies.findBySite(site.id))
          throw new ConflictError(`site ${site.id} already has an overspill policy`, { path: 'site' });
      }
      return this.policies.replace({ ...current, ...this.columns(site, spec) });
    });
    await this.scheduler.reload();
    return policy;
  }

  async delete(actor: Actor, id: string): Promise<boolean> {
    const policy = await this.get(actor, id);
    await this.withoutTicks(id, async () => {
      const open = await this.bursts.countOpen(id);
      if (open > 0)
        throw new ConflictError(
          `${open} burst(s) of ${policy.site} are still out or moving: recall them (lower the watermarks) before deleting the policy`,
          { id },
        );
      await this.policies.delete(actor.tenant, id);
    });
    await this.scheduler.reload();
    return true;
  }

  async get(actor: Actor, id: string): Promise<OverspillPolicyEntity> {
    const policy = isUuid(id) ? await this.policies.findForTenant(actor.tenant, id) : null;
    if (!policy) throw new NotFoundError(`overspill policy ${id} not found`, { id });
    return policy;
  }

  /** The tenant's policy of a site, null when it has none. */
  async forSite(actor: Actor, site: string): Promise<OverspillPolicyEntity | null> {
    const policy = await this.policies.findBySite(parseSite(site).id);
    return policy && policy.tenant === actor.tenant ? policy : null;
  }

  list(actor: Actor): Promise<OverspillPolicyEntity[]> {
    return this.policies.listForTenant(actor.tenant);
  }

  /** A site overspill can watch: an on-prem (PRIVATE_CLOUD) region whose adapter reports capacity. */
  async checkSite(raw: string, path = 'site'): Promise<SiteRef> {
    const site = parseSite(raw, path);
    const row = await this.sites.findSite(site.provider, site.region);
    if (!row) throw new InvalidInputError(`no provider ${site.provider} in the catalog`, path);
    if (row.regionCode === null)
      throw new InvalidInputError(`provider ${site.provider} has no region ${site.region}`, path);
    if (row.providerKind !== 'PRIVATE_CLOUD')
      throw new InvalidInputError(
        `${site.id} is a ${row.providerKind} region: overspill watches on-prem (PRIVATE_CLOUD) sites`,
        path,
      );
    if ((await this.providers.capacitySourceFor(site.provider)) === null)
      throw new InvalidInputError(
        `the ${row.adapterId} adapter of ${site.provider} reports no capacity`,
        path,
      );
    return site;
  }

  private async checkSpec(spec: PolicySpec): Promise<SiteRef> {
    if (!validCron(spec.schedule))
      throw new InvalidInputError(
        `"${spec.schedule}" is not a cron expression (5 fields, or 6 with seconds first; UTC)`,
        'schedule',
      );
    if (!(spec.highWatermark > 0 && spec.highWatermark <= 1))
      throw new InvalidInputError('must be a fraction in (0, 1]', 'highWatermark');
    if (!(spec.lowWatermark >= 0 && spec.lowWatermark < spec.highWatermark))
      throw new InvalidInputError(
        `must be ≥ 0 and below highWatermark ${spec.highWatermark}: the gap between them stops flapping`,
        'lowWatermark',
      );
    for (const [field, value] of [
      ['dwellTicks', spec.dwellTicks],
      ['cooldownMinutes', spec.cooldownMinutes],
      ['maxMovesPerHour', spec.maxMovesPerHour],
      ['selector.minPriority', spec.selector.minPriority],
      ['leaseMinutes', spec.leaseMinutes],
    ] as const)
      if (!Number.isInteger(value))
        throw new InvalidInputError(`must be a whole number, got ${value}`, field);
    const problem = constraintsProblem(spec.targetConstraints);
    if (problem) throw new InvalidInputError(problem, 'targetConstraints');
    const cost = parseDecimal(spec.maxCostPerDay);
    if (cost === null || cost.isNegative())
      throw new InvalidInputError('must be a decimal amount ≥ 0 (USD per day)', 'maxCostPerDay');
    const site = await this.checkSite(spec.site);
    try {
      // The decision function's own rules, so a policy that saves is a policy that decides.
      validateOverspillInput({
        policy: toDomainPolicy({ id: 'new', ...this.columns(site, spec) } as OverspillPolicyEntity),
        capacity: {
          site: site.id,
          totalVcpu: 0,
          usedVcpu: 0,
          totalMemoryGib: 0,
          usedMemoryGib: 0,
          observedAt: new Date(),
        },
        workloads: [],
        bursts: [],
        history: {
          consecutiveTicksAbove: 0,
          consecutiveTicksBelow: 0,
          lastActionAt: null,
          movesInLastHour: [],
        },
      });
    } catch (error) {
      if (error instanceof OverspillInputError)
        throw new InvalidInputError(error.message.replace(/^policy new: /, ''), 'input');
      throw error;
    }
    return site;
  }

  private columns(site: SiteRef, spec: PolicySpec) {
    return {
      site: site.id,
      providerId: site.provider,
      regionCode: site.region,
      schedule: spec.schedule.trim(),
      metric: spec.metric,
      highWatermark: spec.highWatermark,
      lowWatermark: spec.lowWatermark,
      dwellTicks: spec.dwellTicks,
      cooldownMinutes: spec.cooldownMinutes,
      maxVcpuOut: spec.maxVcpuOut,
      maxCostPerDay: parseDecimal(spec.maxCostPerDay)!.toFixed(),
      maxMovesPerHour: spec.maxMovesPerHour,
      selectorTags: [...spec.selector.tags],
      selectorMinPriority: spec.selector.minPriority,
      targetConstraints: JSON.parse(JSON.stringify(spec.targetConstraints ?? {})) as ConstraintsSpec,
      mode: spec.mode,
      leaseMinutes: spec.leaseMinutes,
    };
  }
}
