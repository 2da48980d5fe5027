import { euAdequacy, regimeCode, regionRegimes } from './regimes.js';

describe('regimeCode', () => {
  it.each([
    ['an EU member', 'DE', 'EU GDPR', 'EU_GDPR'],
    ['an EEA member outside the EU', 'NO', 'EU GDPR (via EEA Agreement)', 'EU_GDPR'],
    ['the UK', 'GB', 'UK GDPR + DPA 2018 (amended by DUAA 2025)', 'UK_GDPR'],
    ['Switzerland', 'CH', 'Swiss FADP (revised; in force 2023-09-01)', 'CH_FADP'],
    ['the US', 'US', 'sectoral + state laws; no federal omnibus law', 'US'],
    ['China', 'CN', 'PIPL (2021-11-01) + DSL + CSL', 'CN_PIPL'],
    ['Russia', 'RU', 'Federal Law 152-FZ', 'RU_152FZ'],
    ['India', 'IN', 'DPDP Act 2023 + DPDP Rules 2025', 'IN_DPDP'],
    ['Brazil', 'BR', 'LGPD (Law 13.709/2018)', 'BR_LGPD'],
    ['Japan', 'JP', 'APPI', 'JP_APPI'],
    ['Canada', 'CA', 'PIPEDA (+ Quebec Law 25)', 'CA_PIPEDA'],
    ['Korea', 'KR', 'PIPA', 'KR_PIPA'],
    ['Australia', 'AU', 'Privacy Act 1988 (APPs; amended Dec 2024)', 'AU_PRIVACY_ACT'],
    ['Singapore', 'SG', 'PDPA 2012', 'SG_PDPA'],
    ['any other country: generic <ISO2>_DP', 'ZA', 'POPIA', 'ZA_DP'],
    ['a lower-case country code', 'tw', 'PDPA (Taiwan)', 'TW_DP'],
  ])('%s: %s "%s" → %s', (_case, country, text, expected) => {
    expect(regimeCode(country, text)).toBe(expected);
  });
});

describe('regionRegimes', () => {
  it.each([
    [
      'aws eu-central-1 (DE, US-headquartered)',
      { countryCode: 'DE', regime: 'EU_GDPR' },
      'US',
      ['EU_GDPR', 'US_CLOUD_ACT'],
    ],
    ['a DE company’s site in DE', { countryCode: 'DE', regime: 'EU_GDPR' }, 'DE', ['EU_GDPR']],
    ['a US provider’s US region', { countryCode: 'US', regime: 'US' }, 'US', ['US', 'US_CLOUD_ACT']],
    [
      'a CN-headquartered provider in SG',
      { countryCode: 'SG', regime: 'SG_PDPA' },
      'CN',
      ['SG_PDPA', 'CN_NIL'],
    ],
    ['a UK hoster in GB', { countryCode: 'GB', regime: 'UK_GDPR' }, 'GB', ['UK_GDPR']],
    ['a country without a known regime', null, 'US', ['US_CLOUD_ACT']],
    ['nothing known', null, null, []],
  ])('%s', (_case, jurisdiction, hq, expected) => {
    expect(regionRegimes(jurisdiction, hq)).toEqual(expected);
  });
});

describe('euAdequacy', () => {
  it.each([
    ['n/a (EEA)', { status: 'EEA', note: null }],
    ['full', { status: 'FULL', note: null }],
    ['full (2021)', { status: 'FULL', note: '2021' }],
    [
      'partial (commercial orgs subject to PIPEDA)',
      { status: 'PARTIAL', note: 'commercial orgs subject to PIPEDA' },
    ],
    ['none', { status: 'NONE', note: null }],
    ['maybe', null],
    ['n/a', null],
  ])('"%s"', (text, expected) => {
    expect(euAdequacy(text)).toEqual(expected);
  });
});
