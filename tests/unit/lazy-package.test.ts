import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyPackage } from '../../src/lazy-package.js';
import { png } from '../helpers/png.js';
import { makeConfig, postText, REPO, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();
const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

/**
 * Builds the site in `dir` with the compiled library in a process of its own, and says which of
 * the packages feedwright loads lazily that process loaded.
 */
async function loadedBy(dir: string): Promise<string[]> {
  const tmp = await mkdtemp(path.join(tmpdir(), 'feedwright-lazy-'));
  scratch.push(tmp);
  const script = path.join(tmp, 'build.mjs');
  await writeFile(
    script,
    `import { createRequire } from 'node:module';
import { build } from ${JSON.stringify(path.join(REPO, 'lib/index.js'))};
await build({ cwd: ${JSON.stringify(dir)}, cacheDir: false, threads: 1 });
const loaded = Object.keys(createRequire(${JSON.stringify(path.join(REPO, 'lib/index.js'))}).cache);
const names = ['sanitize-html', 'smol-toml', 'image-size', 'yaml', 'gray-matter'];
console.log(JSON.stringify(names.filter((n) => loaded.some((f) => f.includes(\`/node_modules/\${n}/\`)))));
`,
  );
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string);
}

describe('lazyPackage', () => {
  it('loads nothing until asked, then gives the same exports every time', () => {
    const missing = lazyPackage('feedwright-no-such-package');
    expect(() => missing()).toThrow(/Cannot find module 'feedwright-no-such-package'/);
    const toml = lazyPackage<typeof import('smol-toml')>('smol-toml');
    expect(toml()).toBe(toml());
    expect(toml().parse('a = 1')).toEqual({ a: 1 });
  });

  it('spares a build of Markdown posts the packages only other posts need', async () => {
    const dir = await makeSite(
      {
        'a.md': postText(
          { title: 'A', date: '2026-01-02', categories: ['News'] },
          '## A heading\n\nText.\n',
        ),
        'b.md': postText({ title: 'B', date: '2026-01-01' }, 'Plain *Markdown* [link](x/).\n'),
      },
      makeConfig(),
    );
    expect(await loadedBy(dir)).toEqual([]);
  });

  it('loads each of them once a post needs it: raw HTML, TOML, a local lead image, a problem', async () => {
    const dir = await makeSite({
      'html.md': postText(
        { title: 'H', date: '2026-01-02' },
        '<figure><img src="x.png"></figure>\n',
      ),
      'toml.md': `+++\ntitle = "T"\ndate = 2026-01-01\n+++\nBody.\n`,
      'image.md': postText({ title: 'I', date: '2026-01-03', image: '/lead.png' }),
      'odd.md': postText({ title: 'O', date: '2026-01-04', mystery: 1 }),
    });
    await mkdir(path.join(dir, 'public'));
    await writeFile(path.join(dir, 'public', 'lead.png'), png(40, 30));
    expect(await loadedBy(dir)).toEqual([
      'sanitize-html',
      'smol-toml',
      'image-size',
      'yaml',
      'gray-matter',
    ]);
  });
});
