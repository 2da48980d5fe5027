import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidInputError } from './errors.js';

export interface SpoolableUpload {
  readonly filename: string;
  createReadStream(): Readable;
}

/**
 * Runs `use` on an upload written to a private temp file, removed afterwards: importers read
 * their input more than once (detect, checksum, parse; check, then write), a request stream only
 * once. The upload is cut off with a clear error past maxBytes.
 */
export async function withSpooledUpload<T>(
  upload: SpoolableUpload,
  maxBytes: number,
  fallbackName: string,
  use: (file: string) => Promise<T>,
): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cumulus-upload-'));
  try {
    const file = path.join(dir, path.basename(upload.filename || fallbackName).replace(/[^\w.-]/g, '_'));
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes)
          done(
            new InvalidInputError(
              `upload is larger than ${maxBytes} bytes (CUMULUS_MAX_UPLOAD_BYTES)`,
              'upload',
            ),
          );
        else done(null, chunk);
      },
    });
    await pipeline(upload.createReadStream(), limit, fs.createWriteStream(file, { mode: 0o600 }));
    return await use(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
