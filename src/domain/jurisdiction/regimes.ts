/**
 * Which data-protection regimes govern data held in a region.
 *
 * Rule set (not legal advice; a starting point a user's counsel can extend):
 * 1. A country has one primary regime, coded from its law's name: `EU_GDPR` for every EU and EEA
 *    member (the GDPR applies in the EEA through the EEA Agreement), a named code for the
 *    regimes placement constraints usually mention (UK_GDPR, CH_FADP, US, CN_PIPL, RU_152FZ,
 *    IN_DPDP, BR_LGPD, JP_APPI, CA_PIPEDA, KR_PIPA, AU_PRIVACY_ACT, SG_PDPA), and the generic
 *    `<ISO2>_DP` ("that country's data-protection law") for every other country.
 * 2. A provider's home country can reach data wherever the provider stores it:
 *    - US-headquartered → `US_CLOUD_ACT` (18 U.S.C. § 2713: disclosure of data in the
 *      provider's "possession, custody, or control" regardless of where it is located);
 *    - CN-headquartered → `CN_NIL` (National Intelligence Law 2017, art. 7: organisations must
 *      support and cooperate with state intelligence work).
 *    No other home-country exposure is assumed; add rows to HOME_COUNTRY_EXPOSURE after review.
 * 3. A region's regimes = its country's regime, then the provider's home exposure (if any):
 *    aws eu-central-1 → [EU_GDPR, US_CLOUD_ACT]; a DE company's site in DE → [EU_GDPR];
 *    a US provider's US region → [US, US_CLOUD_ACT].
 */

export const EU_GDPR = 'EU_GDPR';

/** Countries whose regime has its own code; the text of the law only confirms it. */
const NAMED_REGIMES: Readonly<Record<string, string>> = {
  GB: 'UK_GDPR',
  CH: 'CH_FADP',
  US: 'US',
  CN: 'CN_PIPL',
  RU: 'RU_152FZ',
  IN: 'IN_DPDP',
  BR: 'BR_LGPD',
  JP: 'JP_APPI',
  CA: 'CA_PIPEDA',
  KR: 'KR_PIPA',
  AU: 'AU_PRIVACY_ACT',
  SG: 'SG_PDPA',
};

export const HOME_COUNTRY_EXPOSURE: Readonly<Record<string, string>> = {
  US: 'US_CLOUD_ACT',
  CN: 'CN_NIL',
};

/**
 * The regime code of a country from the name of its primary law ("EU GDPR (via EEA
 * Agreement)" → EU_GDPR, "PIPA" in KR → KR_PIPA, "POPIA" in ZA → ZA_DP).
 */
export function regimeCode(countryCode: string, primaryRegimeText: string): string {
  const country = countryCode.trim().toUpperCase();
  if (/\bEU GDPR\b/i.test(primaryRegimeText)) return EU_GDPR;
  return NAMED_REGIMES[country] ?? `${country}_DP`;
}

export interface CountryJurisdiction {
  readonly countryCode: string;
  /** The country's regime code (see regimeCode). */
  readonly regime: string;
}

/** A region's regimes: its country's regime first, then the provider's home-country exposure. */
export function regionRegimes(
  countryJurisdiction: CountryJurisdiction | null,
  providerHqCountry: string | null,
): string[] {
  const regimes: string[] = [];
  if (countryJurisdiction?.regime) regimes.push(countryJurisdiction.regime);
  const exposure = providerHqCountry
    ? HOME_COUNTRY_EXPOSURE[providerHqCountry.trim().toUpperCase()]
    : undefined;
  if (exposure && !regimes.includes(exposure)) regimes.push(exposure);
  return regimes;
}

export type EuAdequacyStatus = 'EEA' | 'FULL' | 'PARTIAL' | 'NONE';

/**
 * Reads an adequacy cell ("n/a (EEA)", "full (2021)", "partial (commercial orgs subject to
 * PIPEDA)", "none") into a status and the note in brackets. Null when it is none of these.
 */
export function euAdequacy(text: string): { status: EuAdequacyStatus; note: string | null } | null {
  const match = /^\s*(n\/a|full|partial|none)\b\s*(?:\((.*)\))?\s*$/i.exec(text);
  if (!match) return null;
  const word = match[1].toLowerCase();
  const note = match[2]?.trim() || null;
  if (word === 'n/a') return note && /\bEEA\b/.test(note) ? { status: 'EEA', note: null } : null;
  return { status: word.toUpperCase() as EuAdequacyStatus, note };
}
