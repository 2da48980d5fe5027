import { constraintsProblem, mergeConstraints } from './target-constraints.js';

describe('mergeConstraints', () => {
  it('narrows, never widens, what the workload allows', () => {
    const merged = mergeConstraints(
      {
        countries: ['DE', 'FR'],
        purchaseOptions: ['ON_DEMAND'],
        maxLatencyMs: 40,
        forbidRegimes: ['US_CLOUD_ACT'],
      },
      {
        countries: ['FR', 'NL'],
        purchaseOptions: ['SPOT', 'ON_DEMAND'],
        maxLatencyMs: 60,
        forbidProviders: ['oci'],
      },
    );
    expect(merged).toMatchObject({
      countries: ['FR'],
      purchaseOptions: ['ON_DEMAND'],
      maxLatencyMs: 40,
      forbidRegimes: ['US_CLOUD_ACT'],
      forbidProviders: ['oci'],
    });
  });

  it("takes the policy's list where the workload has none", () => {
    expect(mergeConstraints({}, { purchaseOptions: ['SPOT'] }).purchaseOptions).toEqual(['SPOT']);
    expect(mergeConstraints({ purchaseOptions: ['SPOT'] }, {}).purchaseOptions).toEqual(['SPOT']);
  });
});

describe('constraintsProblem', () => {
  it.each([
    [null, null],
    [{ countries: ['DE'], maxLatencyMs: 30, providerKinds: ['PUBLIC_CLOUD'] }, null],
    [['DE'], 'must be an object'],
    [{ countries: 'DE' }, 'countries: must be a list of strings, e.g. ["DE","FR"]'],
    [{ purchaseOptions: ['CHEAP'] }, 'purchaseOptions: "CHEAP" is not one of'],
    [{ maxLatencyMs: -1 }, 'maxLatencyMs: must be a number ≥ 0'],
    [{ country: ['DE'] }, 'country: not a constraint'],
  ])('%j → %s', (value, problem) => {
    const found = constraintsProblem(value);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});
