import { money } from '../money.js';
import { tieredEgressCost, type EgressTier } from './egress-cost.js';

/**
 * AWS internet egress out of eu-west-1, read off the real offer file
 * shared/data/price-formats/aws-offer-file/AWSLambda-20161207235208.offer.json, SKU FSEU4E6BRE95JTX8
 * (AWSDataTransfer, "EU (Ireland)" → "External", usagetype EU-DataTransfer-Out-Bytes):
 *   0–1 GB $0.000, 1–10240 GB $0.090, 10240–51200 GB $0.085, 51200–153600 GB $0.070, > 153600 GB $0.050.
 * The first paid tier agrees with skyplane/aws_transfer_costs.csv line 312 (eu-west-1,internet,0.09)
 * and skyplane/egress_cost_per_gb.csv line 790 (aws:eu-west-1 → azure:westeurope, 0.09).
 */
const AWS_EU_WEST_1_INTERNET_TIERS: readonly EgressTier[] = [
  { startGb: 0, endGb: 1, pricePerGbUsd: '0.0000000000' },
  { startGb: 1, endGb: 10240, pricePerGbUsd: '0.0900000000' },
  { startGb: 10240, endGb: 51200, pricePerGbUsd: '0.0850000000' },
  { startGb: 51200, endGb: 153600, pricePerGbUsd: '0.0700000000' },
  { startGb: 153600, endGb: null, pricePerGbUsd: '0.0500000000' },
];

describe('tieredEgressCost', () => {
  it.each([
    {
      name: 'nothing moved',
      tiers: AWS_EU_WEST_1_INTERNET_TIERS,
      gb: '0',
      already: '0',
      usd: '0',
      unpriced: '0',
    },
    {
      name: 'inside the free first GB',
      tiers: AWS_EU_WEST_1_INTERNET_TIERS,
      gb: '0.5',
      already: '0',
      usd: '0',
      unpriced: '0',
    },
    // 1 × 0 + 499 × 0.09 = 44.91
    {
      name: '500 GB: free GB then the first paid tier',
      tiers: AWS_EU_WEST_1_INTERNET_TIERS,
      gb: '500',
      already: '0',
      usd: '44.91',
      unpriced: '0',
    },
    // 1 × 0 + 10,239 × 0.09 + 1,760 × 0.085 = 921.51 + 149.60 = 1,071.11
    {
      name: '12,000 GB crosses the 10 TB boundary',
      tiers: AWS_EU_WEST_1_INTERNET_TIERS,
      gb: '12000',
      already: '0',
      usd: '1071.11',
      unpriced: '0',
    },
    // window 10,000–22,000: 240 × 0.09 + 11,760 × 0.085 = 21.60 + 999.60 = 1,021.20
    {
      name: '12,000 GB after 10,000 GB already out this month',
      tiers: AWS_EU_WEST_1_INTERNET_TIERS,
      gb: '12000',
      already: '10000',
      usd: '1021.2',
      unpriced: '0',
    },
    // 10,239 × 0.09 + 40,960 × 0.085 + 102,400 × 0.07 + 46,400 × 0.05 = 921.51 + 3,481.60 + 7,168 + 2,320 = 13,891.11
    {
      name: '200,000 GB through every tier',
      tiers: AWS_EU_WEST_1_INTERNET_TIERS,
      gb: '200000',
      already: '0',
      usd: '13891.11',
      unpriced: '0',
    },
    // skyplane/egress_cost_per_gb.csv line 2030: azure:westeurope → aws:eu-west-1 at 0.0875; 500 × 0.0875 = 43.75
    {
      name: 'a single flat tier',
      tiers: [{ startGb: 0, endGb: null, pricePerGbUsd: '0.0875' }],
      gb: '500',
      already: '0',
      usd: '43.75',
      unpriced: '0',
    },
    // 150 × 0.1 = 15: GB past a bounded last tier pay its price
    {
      name: 'past a bounded last tier',
      tiers: [{ startGb: 0, endGb: 100, pricePerGbUsd: '0.1' }],
      gb: '150',
      already: '0',
      usd: '15',
      unpriced: '0',
    },
    // 9 × 0.09 = 0.81; the first GB is in no tier
    {
      name: 'a gap below the first tier is reported',
      tiers: [{ startGb: 1, endGb: null, pricePerGbUsd: '0.09' }],
      gb: '10',
      already: '0',
      usd: '0.81',
      unpriced: '1',
    },
    { name: 'no tiers at all', tiers: [], gb: '10', already: '0', usd: '0', unpriced: '10' },
  ])('$name', ({ tiers, gb, already, usd, unpriced }) => {
    const result = tieredEgressCost(tiers, money(gb), money(already));
    expect(result.costUsd.toFixed()).toBe(usd);
    expect(result.unpricedGb.toFixed()).toBe(unpriced);
  });

  it('itemises each tier used', () => {
    const { lines } = tieredEgressCost(AWS_EU_WEST_1_INTERNET_TIERS, money(12000));
    expect(lines.map((l) => [l.startGb, l.gb.toFixed(), l.costUsd.toFixed()])).toEqual([
      [0, '1', '0'],
      [1, '10239', '921.51'],
      [10240, '1760', '149.6'],
    ]);
  });

  it('sorts tiers given out of order (the offer file lists them so)', () => {
    const shuffled = [...AWS_EU_WEST_1_INTERNET_TIERS].reverse();
    expect(tieredEgressCost(shuffled, money(12000)).costUsd.toFixed()).toBe('1071.11');
  });
});
