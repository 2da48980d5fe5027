import { CatalogSchema1764201600000 } from './1764201600000-catalog-schema.js';
import { RegionAvailability1764201700000 } from './1764201700000-region-availability.js';

/** Every migration, in order. Listed explicitly so the same list runs from dist/ and under jest. */
export const MIGRATIONS = [CatalogSchema1764201600000, RegionAvailability1764201700000];
