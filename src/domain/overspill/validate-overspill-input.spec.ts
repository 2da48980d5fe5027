import { aBurst, aPendingMove, aScenario, aWorkload } from './overspill-fixtures.js';
import { OverspillInputError } from './overspill-types.js';
import { validateOverspillInput } from './validate-overspill-input.js';

describe('validateOverspillInput', () => {
  it('accepts the base scenario', () => expect(() => validateOverspillInput(aScenario())).not.toThrow());

  it.each([
    {
      name: 'low equal to high',
      input: aScenario({ policy: { lowWatermark: 0.85 } }),
      message: 'lowWatermark 0.85 must be below highWatermark 0.85',
    },
    {
      name: 'negative watermark',
      input: aScenario({ policy: { lowWatermark: -0.1 } }),
      message: 'watermarks must be fractions 0–1',
    },
    {
      name: 'fractional dwell',
      input: aScenario({ policy: { dwellTicks: 1.5 } }),
      message: 'dwellTicks must be an integer ≥ 1',
    },
    {
      name: 'negative cooldown',
      input: aScenario({ policy: { cooldownMinutes: -1 } }),
      message: 'cooldownMinutes must be ≥ 0',
    },
    {
      name: 'negative vCPU cap',
      input: aScenario({ policy: { maxVcpuOut: -1 } }),
      message: 'maxVcpuOut must be ≥ 0',
    },
    {
      name: 'fractional moves cap',
      input: aScenario({ policy: { maxMovesPerHour: 2.5 } }),
      message: 'maxMovesPerHour must be an integer ≥ 0',
    },
    {
      name: 'negative cost cap',
      input: aScenario({ policy: { maxCostPerDay: '-1' } }),
      message: 'maxCostPerDay must be ≥ 0',
    },
    {
      name: 'malformed migration limit',
      input: aScenario({ policy: { maxMigrationCostUsd: 'lots' } }),
      message: '"lots" is not a decimal amount',
    },
    {
      name: 'zero lease',
      input: aScenario({ policy: { leaseMinutes: 0 } }),
      message: 'leaseMinutes must be > 0',
    },
    {
      name: 'other site',
      input: aScenario({ capacity: { site: 'onprem-paris' } }),
      message: 'capacity is for site onprem-paris',
    },
    {
      name: 'NaN capacity',
      input: aScenario({ capacity: { usedVcpu: Number.NaN } }),
      message: 'amounts must be finite',
    },
    {
      name: 'negative workload',
      input: aScenario({ workloads: [aWorkload('w', { vcpu: -2 })] }),
      message: 'workload w: vcpu and memoryGib must be ≥ 0',
    },
    {
      name: 'negative burst',
      input: aScenario({ bursts: [aBurst('b', { memoryGib: -1 })] }),
      message: 'burst of b: vcpu and memoryGib must be ≥ 0',
    },
    {
      name: 'negative pending move',
      input: aScenario({ pendingMoves: [aPendingMove('p', { vcpu: -4 })] }),
      message: 'pending move of p: vcpu and memoryGib must be ≥ 0',
    },
  ])('rejects $name', ({ input, message }) => {
    expect(() => validateOverspillInput(input)).toThrow(OverspillInputError);
    expect(() => validateOverspillInput(input)).toThrow(message);
  });
});
