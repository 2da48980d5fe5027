import type { ReferenceContext } from './reference-importer.js';
import type { ReferenceLookups } from './reference.repository.js';

/**
 * Resolves a region named by a reference file: a display name or alias as the catalog knows
 * it, the code itself, or the code's normal form ("East US 2" → eastus2, the way Azure derives
 * codes from names) when that is a known region of the provider. Case-insensitive.
 */
export function referenceContext(lookups: ReferenceLookups): ReferenceContext {
  const codes = new Map<string, Set<string>>();
  const names = new Map<string, Map<string, string>>();
  const namesOf = (provider: string) => names.get(provider) ?? names.set(provider, new Map()).get(provider)!;
  for (const r of lookups.regions) {
    (codes.get(r.providerId) ?? codes.set(r.providerId, new Set()).get(r.providerId)!).add(r.code);
    namesOf(r.providerId).set(r.name.toLowerCase(), r.code);
  }
  for (const a of lookups.aliases) namesOf(a.providerId).set(a.alias.toLowerCase(), a.regionCode);
  return {
    knownProviders: new Set(lookups.providers),
    regionCode(providerId, nameOrCode) {
      const text = nameOrCode.trim();
      const known = codes.get(providerId);
      if (known?.has(text)) return text;
      const byName = names.get(providerId)?.get(text.toLowerCase());
      if (byName) return byName;
      const normal = text.toLowerCase().replace(/[^a-z0-9]/g, '');
      return known?.has(normal) ? normal : undefined;
    },
  };
}
