import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { version } from '../../../src/cli/version.js';
import { REPO } from '../../helpers/site.js';

describe('version', () => {
  it("is package.json's version", async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8'));
    expect(version()).toBe(pkg.version);
    expect(version()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
