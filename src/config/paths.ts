import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/** The project folder (holding package.json), whether running from src/ under jest or from dist/. */
export function projectRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (
      fs.existsSync(candidate) &&
      (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string }).name === 'cumulus'
    ) {
      return (root = dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the Cumulus project folder (package.json named cumulus)');
    dir = parent;
  }
}
