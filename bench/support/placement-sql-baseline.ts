import pg from 'pg';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { FitQuery, OfferIndex } from '../../src/placement/offer-index.js';
import { percentile } from './bench-output.js';

/**
 * The same question as SQL, the way a user of a price database would ask it: for each
 * component, the cheapest fitting offer per region (DISTINCT ON … ORDER BY price), then the
 * per-region totals, on a table of the same offers with an index on the filtered columns.
 */
export async function sqlBaseline(
  serverUrl: string,
  index: OfferIndex,
  fits: readonly FitQuery[],
): Promise<{ p50Ms: number; loadSeconds: number }> {
  const name = `cumulus_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`CREATE UNLOGGED TABLE bench_offers (id bigint, provider_id text, region_code text, vcpu float8,
      memory_gib float8, os text, purchase_option text, price_usd numeric)`);
    const loadStarted = performance.now();
    const lines = function* () {
      let chunk = '';
      for (let i = 0; i < index.size; i++) {
        const o = index.offerAt(i);
        chunk += `${o.offerId},${o.providerId},${o.regionCode},${o.vcpu},${o.memoryGib},${o.os ?? ''},${o.purchaseOption},${o.pricePerHourUsd}\n`;
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    };
    await pipeline(
      Readable.from(lines()),
      client.query(copyFrom('COPY bench_offers FROM STDIN WITH (FORMAT csv)')),
    );
    await client.query(`CREATE INDEX ON bench_offers (purchase_option, vcpu, memory_gib)`);
    await client.query(`ANALYZE bench_offers`);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const sql = `SELECT DISTINCT ON (provider_id, region_code) provider_id, region_code, id, price_usd
      FROM bench_offers
      WHERE purchase_option = ANY($1) AND (os IS NULL OR os = $2) AND vcpu >= $3 AND memory_gib >= $4
      ORDER BY provider_id, region_code, price_usd, id`;
    const run = async () => {
      const totals = new Map<string, number>();
      for (const q of fits) {
        const { rows } = await client.query<{ provider_id: string; region_code: string; price_usd: string }>(
          sql,
          [q.purchaseOptions, q.os, q.vcpu, q.memoryGib],
        );
        for (const r of rows)
          totals.set(
            `${r.provider_id}/${r.region_code}`,
            (totals.get(`${r.provider_id}/${r.region_code}`) ?? 0) + Number(r.price_usd),
          );
      }
      return totals.size;
    };
    await run();
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { p50Ms: percentile(times, 50), loadSeconds };
  } finally {
    await client.end();
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  }
}
