import type { CostMetric } from '../../src/domain/finance/index.js';

/*
 * Totals of the real 1,000-row FOCUS 1.0 sample (../shared/data/focus/focus_sample_1000.csv), shared
 * by the domain spec and the end-to-end test. Expected figures were read off the file OUTSIDE the code under test, with Python's exact Decimal
 * (normalize() strips trailing zeros, as ExactSum prints), in /work/shared/data/focus:
 *
 *   python3 -c "import csv,collections; from decimal import Decimal
 *   rows=list(csv.DictReader(open('focus_sample_1000.csv',newline='')))
 *   for key in ['ProviderName','ServiceCategory']:
 *     for col in ['BilledCost','EffectiveCost','ListCost']:
 *       d=collections.defaultdict(Decimal)
 *       for r in rows: d[r[key]]+=Decimal(r[col])
 *       print(key, col, {k: format(v.normalize(),'f') for k,v in sorted(d.items())})"
 *
 * and the file totals with [format(sum(Decimal(r[c]) for r in rows).normalize(),'f') for c in (…)].
 */
export const BY_PROVIDER: Record<CostMetric, Record<string, string>> = {
  BILLED: { AWS: '18.0066386184', Microsoft: '1.97651418586', Oracle: '0.53707392473' },
  EFFECTIVE: { AWS: '13', Microsoft: '1.97651418586', Oracle: '0' },
  LIST: { AWS: '18.1493176406', Microsoft: '1.97651418586', Oracle: '0.26507392473' },
};
export const BILLED_BY_SERVICE_CATEGORY: Record<string, string> = {
  'AI and Machine Learning': '-0.15189756178',
  Compute: '17.5647393447',
  Databases: '1.12763032714',
  Identity: '0.0041666667',
  Integration: '0.0000858006',
  'Management and Governance': '0.2202095838',
  Networking: '0.4917767346',
  Other: '0.4627729809',
  Security: '0.0089444445',
  Storage: '0.79179840783',
};
export const EFFECTIVE_BY_SERVICE_CATEGORY: Record<string, string> = {
  'AI and Machine Learning': '-0.15189756178',
  Compute: '14.7565610902',
  Databases: '0.37096774194',
  Identity: '0',
  Integration: '0',
  'Management and Governance': '0',
  Networking: '0',
  Other: '0',
  Security: '0',
  Storage: '0.0008829155',
};
