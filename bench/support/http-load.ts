/**
 * A load generator run as its own process (so it does not share the server's event loop):
 * `node dist/bench/support/http-load.js <url> <concurrency> <seconds> <bodyFile> <key>`.
 * Prints `{requests, errors, seconds, requestsPerSecond, p50Ms, p99Ms}` as JSON.
 */
import fs from 'node:fs';

const [url, concurrencyText, secondsText, bodyFile, key] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const seconds = Number(secondsText);
const bodies = JSON.parse(fs.readFileSync(bodyFile, 'utf8')) as string[];

const latencies: number[] = [];
let errors = 0;
const deadline = performance.now() + seconds * 1000;

async function client(offset: number): Promise<void> {
  let i = offset;
  while (performance.now() < deadline) {
    const body = bodies[i++ % bodies.length];
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body,
      });
      const json = (await response.json()) as { errors?: unknown };
      if (!response.ok || json.errors) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - started);
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, (_, i) => client(i)));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pick = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
process.stdout.write(
  JSON.stringify({
    requests: latencies.length,
    errors,
    seconds: elapsed,
    requestsPerSecond: latencies.length / elapsed,
    p50Ms: pick(50),
    p99Ms: pick(99),
  }) + '\n',
);
