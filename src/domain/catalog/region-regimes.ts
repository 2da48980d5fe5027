/**
 * Laws of the provider's home country that reach data wherever the provider stores it:
 * a US-headquartered provider can be compelled under the US CLOUD Act to hand over data
 * held in any of its regions; a Chinese one under the National Intelligence Law (art. 7).
 */
export const HOME_COUNTRY_EXPOSURE: Readonly<Record<string, string>> = {
  US: 'US_CLOUD_ACT',
  CN: 'CN_NIL',
};

/** A region's regimes: its country's data-protection regime plus the provider's home exposure. */
export function regionRegimes(countryRegime: string | null, providerHeadquarters: string | null): string[] {
  const regimes = new Set<string>();
  if (countryRegime) regimes.add(countryRegime);
  const exposure = providerHeadquarters ? HOME_COUNTRY_EXPOSURE[providerHeadquarters] : undefined;
  if (exposure) regimes.add(exposure);
  return [...regimes].sort();
}
