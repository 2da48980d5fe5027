import { InvalidInputError } from '../common/errors.js';

/**
 * A site id is "<provider>/<region>", e.g. "onprem-frankfurt/fra1": the catalog's provider id
 * and region code, so it needs no table of its own and reads the same in the API and the CLI.
 */
export interface SiteRef {
  readonly id: string;
  readonly provider: string;
  readonly region: string;
}

const SITE = /^([a-z0-9][a-z0-9-]*)\/([A-Za-z0-9][A-Za-z0-9._-]*)$/;

export function parseSite(site: string, path = 'site'): SiteRef {
  const match = SITE.exec(site.trim());
  if (!match)
    throw new InvalidInputError(
      `"${site}" is not a site: write "<provider>/<region>", e.g. "onprem-frankfurt/fra1"`,
      path,
    );
  return { id: `${match[1]}/${match[2]}`, provider: match[1], region: match[2] };
}

export const siteIdOf = (provider: string, region: string) => `${provider}/${region}`;
