import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { ImportSource } from './catalog-importer.js';

export function fileSource(filePath: string): ImportSource {
  return { name: filePath, open: () => fs.createReadStream(filePath, { highWaterMark: 1 << 20 }) };
}

export function bufferSource(name: string, bytes: Buffer | string): ImportSource {
  return { name, open: () => Readable.from([typeof bytes === 'string' ? Buffer.from(bytes) : bytes]) };
}
