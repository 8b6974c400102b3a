import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for one test's SQLite file, and a way to remove it. */
export function tempDir(prefix = 'tickety-bridge-'): {
  path: string;
  file: (name: string) => string;
  remove: () => void;
} {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
