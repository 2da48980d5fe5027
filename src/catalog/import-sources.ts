import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ForbiddenError, InvalidInputError } from '../common/errors.js';
import type { ImportSource } from './importers/catalog-importer.js';

/** Checks a URL against the allow-list (prefix match on the normalised URL). */
export function assertUrlAllowed(url: string, allowList: readonly string[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidInputError(`not a valid URL: ${url}`, 'url');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InvalidInputError(`only http(s) URLs can be imported, got ${parsed.protocol}`, 'url');
  }
  const normalised = parsed.toString();
  if (!allowList.some((prefix) => normalised.startsWith(prefix))) {
    throw new ForbiddenError(
      `URL ${normalised} is not on the import allow-list (CUMULUS_IMPORT_URL_ALLOW): ${allowList.join(', ')}`,
    );
  }
  return parsed;
}

/** Checks a server-side path against the allowed folders (after resolving symlinks and ..). */
export function assertPathAllowed(filePath: string, allowedRoots: readonly string[]): string {
  const real = fs.realpathSync(path.resolve(filePath));
  const ok = allowedRoots.some((root) => {
    const realRoot = fs.existsSync(root) ? fs.realpathSync(root) : path.resolve(root);
    return real === realRoot || real.startsWith(realRoot + path.sep);
  });
  if (!ok)
    throw new ForbiddenError(
      `Path ${filePath} is outside the allowed import folders: ${allowedRoots.join(', ')}`,
    );
  return real;
}

export async function fetchStream(url: string, allowList: readonly string[]): Promise<Readable> {
  const parsed = assertUrlAllowed(url, allowList);
  const response = await fetch(parsed, {
    redirect: 'error',
    headers: { accept: 'application/json, text/csv, */*' },
  });
  if (!response.ok || !response.body) {
    throw new InvalidInputError(`GET ${parsed} answered ${response.status} ${response.statusText}`, 'url');
  }
  return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
}

export function urlSource(url: string, allowList: readonly string[]): ImportSource {
  assertUrlAllowed(url, allowList);
  // open() must be synchronous: hand back a PassThrough the response is piped into.
  return {
    name: url,
    open() {
      const out = new PassThrough();
      fetchStream(url, allowList).then(
        (body) => body.pipe(out),
        (error: Error) => out.destroy(error),
      );
      return out;
    },
  };
}

/** Hashes the bytes of every stream opened through it, in the order they are read. */
export class ChecksumTap {
  private readonly hash = createHash('sha256');

  wrap(stream: Readable): Readable {
    const tap = new PassThrough();
    tap.on('data', (chunk: Buffer) => this.hash.update(chunk));
    stream.on('error', (error) => tap.destroy(error));
    return stream.pipe(tap);
  }

  source(source: ImportSource): ImportSource {
    return { name: source.name, open: () => this.wrap(source.open()) };
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** sha256 over the sources' bytes, read once up front (files: makes a repeated import a no-op before parsing). */
export async function checksumOf(sources: readonly ImportSource[]): Promise<string> {
  const hash = createHash('sha256');
  for (const source of sources) {
    await pipeline(source.open(), async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) hash.update(chunk);
      yield* [];
    });
  }
  return hash.digest('hex');
}
