import { SLA_SCOPES } from '../../../domain/catalog/catalog-enums.js';
import type { ImportSource } from '../../importers/catalog-importer.js';
import {
  REFERENCE_PROVIDER,
  type ReferenceContext,
  type ReferenceImporter,
  type ReferenceImportRecord,
} from '../reference-importer.js';
import { csvDetect, readCsvReference, RowProblem, SeenKeys } from './csv-reference.js';
import { parseDecimal } from '../../../domain/money.js';

const FORMAT = 'sla-csv';
const REQUIRED = ['provider', 'service', 'scope', 'uptime_pct', 'credit_tiers'];

/**
 * Compute SLAs (../shared/data/sla/compute_slas.csv). `credit_tiers` "<99.99:10;<99.0:30;<95.0:100"
 * becomes [{belowPct: 99.99, creditPct: 10}, …]. A scope is one of SINGLE_INSTANCE,
 * AVAILABILITY_SET, MULTI_ZONE, MULTI_REGION, optionally qualified (SINGLE_INSTANCE_PREMIUM_SSD:
 * Azure's single-VM SLA depends on the disks). A re-import replaces the SLAs of the providers it lists.
 */
export class SlaCsvImporter implements ReferenceImporter {
  readonly format = FORMAT;
  readonly description = 'Compute SLAs: provider, service, scope, uptime %, service-credit tiers';
  readonly kind = 'slas' as const;
  readonly providerId = REFERENCE_PROVIDER;

  detect(head: string): string | null {
    return csvDetect(head, REQUIRED);
  }

  read(source: ImportSource, _context: ReferenceContext): AsyncIterable<ReferenceImportRecord> {
    const seen = new SeenKeys();
    return readCsvReference(source, FORMAT, REQUIRED, (r) => {
      const providerId = r.required('provider');
      const service = r.required('service');
      const scope = r.required('scope').toUpperCase();
      if (!SLA_SCOPES.some((s) => scope === s || scope.startsWith(`${s}_`))) {
        throw new RowProblem(
          `invalid scope: "${r.get('scope')}" (${SLA_SCOPES.join(', ')}, optionally qualified)`,
        );
      }
      const uptime = r.decimal('uptime_pct', 'positive');
      if (uptime.greaterThan(100)) throw new RowProblem(`uptime_pct out of range: ${r.get('uptime_pct')}`);
      seen.check(`${providerId}/${service}/${scope}`, r.row, 'SLA');
      return [
        {
          providerId,
          service,
          scope,
          uptimePct: uptime.toFixed(),
          creditTiers: creditTiers(r.get('credit_tiers')),
          verified: r.get('verified') || null,
          source: r.get('source') || null,
        },
      ];
    });
  }
}

/** "<99.99:10;<99.0:30;<95.0:100" → tiers, each threshold below the previous one. */
export function creditTiers(text: string): { belowPct: number; creditPct: number }[] {
  if (text.trim() === '') return [];
  const tiers = text.split(';').map((part) => {
    const match = /^\s*<\s*([^:]+):\s*(.+?)\s*$/.exec(part);
    const below = match ? parseDecimal(match[1]) : null;
    const credit = match ? parseDecimal(match[2]) : null;
    if (!below || !credit || below.lte(0) || below.gt(100) || credit.lt(0) || credit.gt(100)) {
      throw new RowProblem(`invalid credit tier: "${part.trim()}" (expected <uptime%:credit%)`);
    }
    return { belowPct: below.toNumber(), creditPct: credit.toNumber() };
  });
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i].belowPct >= tiers[i - 1].belowPct)
      throw new RowProblem(`invalid credit tiers: thresholds must decrease ("${text}")`);
  }
  return tiers;
}
