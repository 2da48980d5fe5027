import fs from 'node:fs';
import path from 'node:path';

/** ../shared/data from the project root (CUMULUS_SHARED_DATA overrides). */
export const SHARED_DATA_DIR = path.resolve(
  process.env.CUMULUS_SHARED_DATA ?? path.join(process.cwd(), '../shared/data'),
);

export const hasSharedData = fs.existsSync(path.join(SHARED_DATA_DIR, 'price-formats'));

export function sharedFile(relative: string): string {
  return path.join(SHARED_DATA_DIR, relative);
}

/**
 * `describe` for suites that read the real samples in ../shared/data. Without the folder
 * (a machine that has only the project) the suite is reported as skipped, by name, with the
 * reason; CI always has the folder, so there these suites always run.
 */
export const describeWithSharedData: jest.Describe = hasSharedData
  ? describe
  : (((name: string, fn: () => void) =>
      describe.skip(
        `${name} [skipped: needs ../shared/data, not found at ${SHARED_DATA_DIR}]`,
        fn,
      )) as unknown as jest.Describe);
