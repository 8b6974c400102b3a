import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { tempDir } from '../helpers/temp-db.js';

// A path under /proc, where Node's recursive mkdirSync never returns, is tested on the spawned
// process in test/e2e/operator.test.ts: a hang there is cut short by a timer, here it would not be.
describe('openDatabase', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('creates every missing folder of the path', () => {
    const path = dir.file('a/b/c/bridge.sqlite');
    openDatabase(path).close();
    expect(existsSync(path)).toBe(true);
  });

  it('a path through a file fails with the reason', () => {
    openDatabase(dir.file('bridge.sqlite')).close();
    expect(() => openDatabase(dir.file('bridge.sqlite/nested/x.sqlite'))).toThrow(/ENOTDIR/);
  });
});
