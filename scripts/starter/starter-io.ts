import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** The project folder (the package.json named cumulus), from src/ or dist/. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (
      fs.existsSync(candidate) &&
      (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string }).name === 'cumulus'
    )
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the Cumulus project folder');
    dir = parent;
  }
}

export function sharedDataDir(): string {
  return path.resolve(process.env.CUMULUS_SHARED_DATA ?? path.join(projectRoot(), '../shared/data'));
}

export function shared(relative: string): string {
  return path.join(sharedDataDir(), relative);
}

export function readCsv(relative: string): Record<string, string>[] {
  return parse<Record<string, string>>(fs.readFileSync(shared(relative)), { columns: true, bom: true });
}

export function readJson<T>(relative: string): T {
  return JSON.parse(fs.readFileSync(shared(relative), 'utf8')) as T;
}

export type Cell = string | number | null | undefined;

/** RFC 4180 CSV: a header and rows, cells quoted only when they must be. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cell = (value: Cell) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** A row of a CSV with this header, from named cells. */
export function rowOf(header: readonly string[], cells: Record<string, Cell>): Cell[] {
  for (const name of Object.keys(cells))
    if (!header.includes(name)) throw new Error(`no column ${name} in the header`);
  return header.map((name) => cells[name]);
}

/** Where a starter file's facts came from, for ATTRIBUTION.md. */
export interface Attribution {
  readonly upstream: string;
  readonly path: string;
  readonly licence: string;
  readonly extracted: string;
}

/** One file of the starter catalog and the manifest entry that loads it. */
export interface StarterFile {
  readonly format: string;
  readonly file: string;
  readonly provider?: string;
  readonly description: string;
  readonly content: string;
  readonly sources: readonly Attribution[];
}

export interface SeedRegion {
  provider: string;
  region: string;
  name: string;
  lat: string;
  lon: string;
  country: string;
}

let seed: Map<string, SeedRegion> | null = null;

/** The region seed by `provider/code`: the coordinates and countries every other file refers to. */
export function seedRegions(): Map<string, SeedRegion> {
  seed ??= new Map(
    readCsv('regions/region_catalog_seed.csv').map((r) => [
      `${r.provider}/${r.region}`,
      {
        provider: r.provider,
        region: r.region,
        name: r.display_name,
        lat: r.lat,
        lon: r.lon,
        country: r.country_iso2,
      },
    ]),
  );
  return seed;
}
