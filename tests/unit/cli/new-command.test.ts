import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newCommand } from '../../../src/cli/new-command.js';
import type { Flags } from '../../../src/cli/usage.js';
import { fakeIo } from '../../helpers/cli-io.js';
import { hashTree, makeConfig, siteMaker } from '../../helpers/site.js';

const makeSite = siteMaker();

/** 15:42:30 UTC: 10:42 in Toronto, the sites' zone (helpers' makeConfig). */
const NOW = new Date('2026-11-18T15:42:30Z');

async function create(cwd: string, words: string[], flags: Flags = {}) {
  const { io, out } = fakeIo(cwd);
  io.now = () => NOW;
  const code = await newCommand(flags, io, words);
  return { code, ...out };
}

describe('newCommand', () => {
  it('writes posts/<slug>.md with the title and the time now in the site zone', async () => {
    const dir = await makeSite({});
    expect(await create(dir, ['Bank of Canada holds its rate'])).toEqual({
      code: 0,
      stdout: 'feedwright: wrote posts/bank-of-canada-holds-its-rate.md\n',
      stderr: '',
    });
    const text = await readFile(path.join(dir, 'posts/bank-of-canada-holds-its-rate.md'), 'utf8');
    expect(text).toMatch(
      /^---\ntitle: "Bank of Canada holds its rate"\ndate: 2026-11-18 10:42\n---\nThe first paragraph is the summary/,
    );
  });

  it("makes the slug as feedwright makes every slug, and joins a title's words", async () => {
    const dir = await makeSite({});
    expect((await create(dir, ['Économie:', 'la', 'BdC', 'baisse', 'son', 'taux'])).stdout).toBe(
      'feedwright: wrote posts/economie-la-bdc-baisse-son-taux.md\n',
    );
    const text = await readFile(path.join(dir, 'posts/economie-la-bdc-baisse-son-taux.md'), 'utf8');
    expect(text).toContain('title: "Économie: la BdC baisse son taux"\n');
  });

  it('takes the file name from --slug, and the folder from --posts', async () => {
    const dir = await makeSite({});
    await mkdir(path.join(dir, 'content'));
    const result = await create(dir, ['A long title'], { slug: 'Short One', posts: 'content' });
    expect(result.stdout).toBe('feedwright: wrote content/short-one.md\n');
    expect(await readFile(path.join(dir, 'content/short-one.md'), 'utf8')).toContain(
      'title: "A long title"',
    );
  });

  it('reads the time zone from --config', async () => {
    const dir = await makeSite({});
    await writeFile(
      path.join(dir, 'tokyo.json'),
      JSON.stringify(makeConfig({ timezone: 'Asia/Tokyo' })),
    );
    await create(dir, ['Tokyo'], { config: 'tokyo.json' });
    expect(await readFile(path.join(dir, 'posts/tokyo.md'), 'utf8')).toContain(
      'date: 2026-11-19 00:42\n',
    );
  });

  it('never replaces a post: exit 1, the file named, nothing written', async () => {
    const dir = await makeSite({ 'hello.md': 'my own\n' });
    const before = await hashTree(dir);
    expect(await create(dir, ['Hello'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'feedwright: posts/hello.md exists already — pick another title, or name the file with --slug\n',
    });
    expect(await hashTree(dir)).toEqual(before);
  });

  it('refuses a title or slug with nothing a URL can hold, with exit 2', async () => {
    const dir = await makeSite({});
    expect(await create(dir, ['!!!'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'feedwright: the title "!!!" gives no slug (it has no letter or digit feedwright can put in a URL) — pass --slug with one, e.g. --slug my-story\n',
    });
    expect((await create(dir, ['Fine'], { slug: '---' })).stderr).toMatch(
      /^feedwright: --slug "---" gives no slug/,
    );
    expect((await create(dir, ['  '])).stderr).toBe(
      'feedwright: the title is empty: feedwright new "The title"\n',
    );
  });

  it('says to run init when there is no config, and what is wrong with a bad one', async () => {
    const dir = await makeSite({});
    await writeFile(path.join(dir, 'feedwright.config.json'), '{"title": "T"}');
    const bad = await create(dir, ['Hello']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^feedwright\.config\.json\S* +description +description is missing/m,
    );
    const none = await create(path.join(dir, 'posts'), ['Hello']);
    expect(none).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'feedwright.config.json  config file not found — run "feedwright init" to start a site here, or pass --config FILE\n',
    });
  });
});
