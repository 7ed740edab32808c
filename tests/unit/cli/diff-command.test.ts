import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { diffCommand } from '../../../src/cli/diff-command.js';
import type { Flags } from '../../../src/cli/usage.js';
import { formatManifest, MANIFEST_FILE, type Manifest } from '../../../src/manifest.js';
import { fakeIo } from '../../helpers/cli-io.js';
import { hugoRss, jekyllAtom, manifestItem, manifestWith, SITE } from '../../helpers/continuity.js';
import { postText, siteMaker } from '../../helpers/site.js';

const makeSite = siteMaker();

const A = manifestItem('a');
const B = manifestItem('b');
const C = manifestItem('c');

/**
 * A site with posts a, b and c (and `posts`), readers having seen all three (`previous.json`),
 * with `files` beside it (feed files saved from a published site).
 */
async function site(
  files: Record<string, string> = {},
  posts: Record<string, string> = {},
): Promise<string> {
  const post = (slug: string) => postText({ title: slug.toUpperCase(), date: '2026-03-01' });
  const dir = await makeSite({ 'a.md': post('a'), 'b.md': post('b'), 'c.md': post('c'), ...posts });
  await writeFile(path.join(dir, 'previous.json'), formatManifest(manifestWith([C, B, A])));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

/** Writes the new build's manifest into `dist` (or `out`). */
async function built(dir: string, manifest: Manifest, out = 'dist'): Promise<void> {
  await mkdir(path.join(dir, out), { recursive: true });
  await writeFile(path.join(dir, out, MANIFEST_FILE), formatManifest(manifest));
}

async function diff(dir: string, flags: Flags = {}, env: Record<string, string> = {}) {
  const { io, out } = fakeIo(dir, env);
  const code = await diffCommand({ previous: 'previous.json', ...flags }, io);
  return { code, ...out };
}

describe('diffCommand against the previous manifest', () => {
  it('a new post: one new story, exit 0', async () => {
    const dir = await site({}, { 'd.md': postText({ title: 'D', date: '2026-03-04' }) });
    await built(dir, manifestWith([manifestItem('d'), C, B, A]));
    expect(await diff(dir)).toEqual({
      code: 0,
      stdout: [
        'Readers will see 1 new story.',
        '',
        '## Test News (`rss.xml`)',
        '',
        '- new: D (`posts/d.md`)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('an edited post: one update, exit 0', async () => {
    const dir = await site();
    await built(dir, manifestWith([C, { ...B, hash: 'edited' }, A]));
    expect(await diff(dir)).toEqual({
      code: 0,
      stdout:
        'Readers will see 1 update.\n\n## Test News (`rss.xml`)\n\n- updated: B (`posts/b.md`)\n',
      stderr: '',
    });
  });

  it('a deleted post: no longer published, exit 0', async () => {
    const dir = await site();
    await rm(path.join(dir, 'posts', 'b.md'));
    await built(dir, manifestWith([C, A]));
    expect(await diff(dir)).toEqual({
      code: 0,
      stdout: [
        'Readers will see no new stories or updates. 1 story is no longer published.',
        '',
        '## Test News (`rss.xml`)',
        '',
        '- removed: B (`posts/b.md`)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('the same build: no change, exit 0', async () => {
    const dir = await site();
    await built(dir, manifestWith([C, B, A]));
    expect(await diff(dir)).toEqual({
      code: 0,
      stdout: 'Readers will see no change.\n',
      stderr: '',
    });
  });

  it('a changed slug: exit 1, the fix names the old id to pin and the alias to add', async () => {
    const dir = await site();
    const bee = { ...B, id: `${SITE}posts/bee/`, url: `${SITE}posts/bee/`, hash: 'slug changed' };
    await built(dir, manifestWith([C, bee, A]));
    const result = await diff(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'Readers will see 1 update. Continuity is broken: 2 problems to fix before publishing.',
        '',
        '## Test News (`rss.xml`)',
        '',
        '- updated: B (`posts/b.md`)',
        '',
        '## Broken continuity',
        '',
        `- \`posts/b.md\` — id changed from \`${SITE}posts/b/\` to \`${SITE}posts/bee/\`. Fix: pin the old id: add \`id: "${SITE}posts/b/"\` to its front matter`,
        `- \`posts/b.md\` — link changed from \`${SITE}posts/b/\` to \`${SITE}posts/bee/\`. Fix: keep the old address answering: add "/posts/b/" to its \`aliases:\` (\`aliases: ["/posts/b/"]\`)`,
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe(
      [
        `posts/b.md  id  changed from \`${SITE}posts/b/\` to \`${SITE}posts/bee/\` — pin the old id: add \`id: "${SITE}posts/b/"\` to its front matter`,
        `posts/b.md  link  changed from \`${SITE}posts/b/\` to \`${SITE}posts/bee/\` — keep the old address answering: add "/posts/b/" to its \`aliases:\` (\`aliases: ["/posts/b/"]\`)`,
        '',
      ].join('\n'),
    );
  });

  it('a changed slug with the old id pinned and the old path in aliases: exit 0', async () => {
    const dir = await site();
    const bee = { ...B, url: `${SITE}posts/bee/`, hash: 'slug changed', aliases: ['/posts/b/'] };
    await built(dir, manifestWith([C, bee, A]));
    expect(await diff(dir)).toEqual({
      code: 0,
      stdout:
        'Readers will see 1 update.\n\n## Test News (`rss.xml`)\n\n- updated: B (`posts/b.md`)\n',
      stderr: '',
    });
  });

  it('a changed date: exit 1, the fix gives the old date as front matter writes it', async () => {
    const dir = await site();
    const moved = { ...A, published: '2026-03-05T14:30:00.000Z', hash: 'redated' };
    await built(dir, manifestWith([moved, C, B]));
    const result = await diff(dir);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').slice(-3)).toEqual([
      '',
      '- `posts/a.md` — date changed from `2026-03-01T15:00:00.000Z` to `2026-03-05T14:30:00.000Z`. Fix: restore the date: `date: 2026-03-01T10:00:00-05:00`',
      '',
    ]);
  });

  it('a post gone while its file is still there (a draft now): exit 1', async () => {
    const dir = await site();
    await built(dir, manifestWith([C, A]));
    const result = await diff(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('- removed: B (`posts/b.md`)');
    expect(result.stderr).toBe(
      `posts/b.md  published  no longer published (id \`${SITE}posts/b/\`) — publish it again: remove \`draft: true\` and restore \`date: 2026-03-02T10:00:00-05:00\` if it was moved to the future — or delete the file if the story is withdrawn\n`,
    );
  });

  it('in GitHub Actions, each problem is also an annotation on the post file', async () => {
    const dir = await site();
    await built(dir, manifestWith([C, A]));
    const { stderr } = await diff(dir, {}, { GITHUB_ACTIONS: 'true' });
    expect(stderr.split('\n')).toEqual([
      expect.stringMatching(/^posts\/b\.md {2}published {2}no longer published/),
      `::error file=posts/b.md,title=published::no longer published (id \`${SITE}posts/b/\`) — publish it again: remove \`draft: true\` and restore \`date: 2026-03-02T10:00:00-05:00\` if it was moved to the future — or delete the file if the story is withdrawn`,
      '',
    ]);
  });

  it('--format json: one document on stdout, nothing on stderr', async () => {
    const dir = await site({}, { 'd.md': postText({ title: 'D', date: '2026-03-04' }) });
    const D = manifestItem('d');
    await built(dir, manifestWith([D, C, { ...B, published: '2026-03-03T15:00:00.000Z' }, A]));
    const result = await diff(dir, { format: 'json' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      summary: { new: 1, updated: 0, removed: 0, broken: 1 },
      feeds: [
        {
          path: 'rss.xml',
          title: 'Test News',
          new: [{ id: D.id, url: D.url, title: 'D', source: 'posts/d.md' }],
          updated: [],
          removed: [],
        },
      ],
      broken: [
        {
          source: 'posts/b.md',
          field: 'date',
          old: '2026-03-02T15:00:00.000Z',
          new: '2026-03-03T15:00:00.000Z',
          fix: 'restore the date: `date: 2026-03-02T10:00:00-05:00`',
        },
      ],
    });
  });

  it('reads --out, --posts and --config where they are given', async () => {
    const dir = await site();
    await move(dir, 'posts', 'content');
    await move(dir, 'feedwright.config.json', 'site.json');
    await built(dir, manifestWith([C, A]), 'public_html');
    const flags = { out: 'public_html', posts: 'content', config: 'site.json' };
    const result = await diff(dir, flags);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^content\/b\.md {2}published {2}/);
    expect(result.stdout).toContain('- removed: B (`content/b.md`)');
  });
});

async function move(dir: string, from: string, to: string) {
  await rename(path.join(dir, from), path.join(dir, to));
}

describe('diffCommand against a feed file from another generator', () => {
  const jekyll = jekyllAtom([
    [
      `${SITE}2026/03/02/b.html`,
      'tag:news.example.com,2026-03-02:/2026/03/02/b',
      'B',
      '2026-03-02T10:00:00-05:00',
    ],
    [
      `${SITE}2026/03/01/a.html`,
      'tag:news.example.com,2026-03-01:/2026/03/01/a',
      'A',
      '2026-03-01T10:00:00-05:00',
    ],
  ]);

  it("Jekyll's Atom: posts matched by title, every changed id and link reported, exit 1", async () => {
    const dir = await site({ 'feed.xml': jekyll });
    await built(dir, manifestWith([C, B, A]));
    const result = await diff(dir, { previous: 'feed.xml' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'Readers will see 1 new story. Continuity is broken: 4 problems to fix before publishing.',
        '',
        '## Test News (`rss.xml`)',
        '',
        '- new: C (`posts/c.md`)',
        '',
        '## Broken continuity',
        '',
        `- \`posts/a.md\` — id changed from \`tag:news.example.com,2026-03-01:/2026/03/01/a\` to \`${SITE}posts/a/\`. Fix: pin the old id: add \`id: "tag:news.example.com,2026-03-01:/2026/03/01/a"\` to its front matter`,
        `- \`posts/a.md\` — link changed from \`${SITE}2026/03/01/a.html\` to \`${SITE}posts/a/\`. Fix: keep the old address answering: add "/2026/03/01/a.html" to its \`aliases:\` (\`aliases: ["/2026/03/01/a.html"]\`)`,
        `- \`posts/b.md\` — id changed from \`tag:news.example.com,2026-03-02:/2026/03/02/b\` to \`${SITE}posts/b/\`. Fix: pin the old id: add \`id: "tag:news.example.com,2026-03-02:/2026/03/02/b"\` to its front matter`,
        `- \`posts/b.md\` — link changed from \`${SITE}2026/03/02/b.html\` to \`${SITE}posts/b/\`. Fix: keep the old address answering: add "/2026/03/02/b.html" to its \`aliases:\` (\`aliases: ["/2026/03/02/b.html"]\`)`,
        '',
      ].join('\n'),
    );
  });

  it("Jekyll's Atom, with the old ids pinned and the old paths as aliases: exit 0", async () => {
    const dir = await site({ 'feed.xml': jekyll });
    const pinned = (item: typeof A, id: string, alias: string) => ({
      ...item,
      id,
      aliases: [alias],
    });
    await built(
      dir,
      manifestWith([
        C,
        pinned(B, 'tag:news.example.com,2026-03-02:/2026/03/02/b', '/2026/03/02/b.html'),
        pinned(A, 'tag:news.example.com,2026-03-01:/2026/03/01/a', '2026/03/01/a.html'),
      ]),
    );
    expect(await diff(dir, { previous: 'feed.xml' })).toEqual({
      code: 0,
      stdout:
        'Readers will see 1 new story.\n\n## Test News (`rss.xml`)\n\n- new: C (`posts/c.md`)\n',
      stderr: '',
    });
  });

  it("Hugo's RSS at the same addresses: continuity holds; a changed date breaks it", async () => {
    const rss = hugoRss([
      [`${SITE}posts/b/`, 'B', 'Mon, 02 Mar 2026 10:00:00 -0500'],
      [`${SITE}posts/a/`, 'A', 'Sun, 01 Mar 2026 15:00:00 GMT'],
    ]);
    const dir = await site({ 'index.xml': rss });
    await built(dir, manifestWith([C, B, A]));
    expect(await diff(dir, { previous: 'index.xml' })).toMatchObject({
      code: 0,
      stdout:
        'Readers will see 1 new story.\n\n## Test News (`rss.xml`)\n\n- new: C (`posts/c.md`)\n',
    });
    await built(dir, manifestWith([C, B, { ...A, published: '2026-03-01T05:00:00.000Z' }]));
    const result = await diff(dir, { previous: 'index.xml' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `- \`posts/a.md\` — date changed from \`2026-03-01T15:00:00.000Z\` to \`2026-03-01T05:00:00.000Z\`. Fix: restore the date: \`date: 2026-03-01T10:00:00-05:00\``,
    );
  });

  it("a JSON Feed 1.0 at a category feed's address is compared with that feed", async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1',
      title: 'Tech',
      home_page_url: `${SITE}categories/tech/`,
      feed_url: `${SITE}categories/tech/feed.json`,
      author: { name: 'Desk' },
      items: [
        {
          id: A.id,
          url: A.url,
          title: 'A (draft title)',
          date_published: '2026-03-01T10:00:00-05:00',
        },
      ],
    });
    const dir = await site({ 'tech.json': json });
    await built(
      dir,
      manifestWith([C, B, A], {
        'rss.xml': { title: 'Test News', items: [C.id, B.id, A.id] },
        'categories/tech/rss.xml': { title: 'Tech', items: [C.id, A.id] },
      }),
    );
    expect(await diff(dir, { previous: 'tech.json' })).toEqual({
      code: 0,
      stdout: [
        'Readers will see 1 new story and 1 update.',
        '',
        '## Tech (`categories/tech/rss.xml`)',
        '',
        '- new: C (`posts/c.md`)',
        '- updated: A (`posts/a.md`)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });
});

describe('diffCommand on bad input', () => {
  it('no manifest in --out: exit 1, naming the file and saying to build first', async () => {
    const dir = await site();
    expect(await diff(dir)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'dist/.feedwright-manifest.json  not found — run feedwright build first (or pass the --out folder it wrote)\n',
    });
  });

  it('a manifest in --out that records no items: exit 1, build again', async () => {
    const dir = await site();
    await built(dir, { generator: 'feedwright', files: {} });
    expect((await diff(dir)).stderr).toBe(
      'dist/.feedwright-manifest.json  the manifest records no items (an older feedwright wrote it) — build again with this version of feedwright\n',
    );
  });

  it('a previous file that does not exist: exit 1', async () => {
    const dir = await site();
    await built(dir, manifestWith([C, B, A]));
    expect(await diff(dir, { previous: 'live/manifest.json' })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'live/manifest.json  previous file not found — pass the .feedwright-manifest.json of the published build, or one of its published feeds\n',
    });
  });

  it('a previous file that is neither a manifest nor a feed: exit 1', async () => {
    const dir = await site({ 'page.html': '<!doctype html><title>404</title><p>Not found</p>' });
    await built(dir, manifestWith([C, B, A]));
    expect(await diff(dir, { previous: 'page.html' })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'page.html  neither a feedwright manifest nor an RSS 2.0, Atom 1.0 or JSON Feed file — pass the .feedwright-manifest.json of the published build, or one of its published feeds\n',
    });
  });

  it('no config: exit 1 with the config message', async () => {
    const dir = await site();
    await built(dir, manifestWith([C, B, A]));
    const result = await diff(dir, { config: 'missing.json' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^missing\.json {2}config file not found — /);
  });

  it('no posts folder: exit 1 with the posts message', async () => {
    const dir = await site();
    await built(dir, manifestWith([C, B, A]));
    expect((await diff(dir, { posts: 'nothing' })).stderr).toBe(
      'nothing  posts folder not found — create it, or pass --posts DIR\n',
    );
  });

  it('without --previous, or with an unknown --format: exit 2', async () => {
    const dir = await site();
    const { io, out } = fakeIo(dir);
    expect(await diffCommand({}, io)).toBe(2);
    expect(out.stderr).toBe(
      'feedwright: diff needs --previous FILE (the published manifest, or a published feed)\nRun "feedwright --help" for usage.\n',
    );
    expect(await diff(dir, { format: 'yaml' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'feedwright: --format must be "text" or "json", not "yaml"\n',
    });
  });
});

describe('diffCommand between two real builds', () => {
  it('a changed slug breaks continuity until the old id is pinned and the old path aliased', async () => {
    const post = (title: string, date: string, more: Record<string, unknown> = {}) =>
      postText({ title, date, categories: ['Tech'], ...more });
    const dir = await makeSite({
      'a.md': post('A', '2026-03-01 10:00'),
      'b.md': post('B', '2026-03-02 10:00'),
    });
    await build({ cwd: dir, cacheDir: false });
    await copyFile(path.join(dir, 'dist', MANIFEST_FILE), path.join(dir, 'live.json'));
    await copyFile(path.join(dir, 'dist', 'atom.xml'), path.join(dir, 'live-atom.xml'));
    await writeFile(path.join(dir, 'posts/b.md'), post('B', '2026-03-02 10:00', { slug: 'bee' }));
    await writeFile(path.join(dir, 'posts/c.md'), post('C', '2026-03-03 10:00'));
    await build({ cwd: dir, cacheDir: false });

    const broken = await diff(dir, { previous: 'live.json', format: 'json' });
    expect(broken.code).toBe(1);
    expect(
      JSON.parse(broken.stdout).broken.map((e: { field: string; fix: string }) => e.fix),
    ).toEqual([
      `pin the old id: add \`id: "${SITE}posts/b/"\` to its front matter`,
      'keep the old address answering: add "/posts/b/" to its `aliases:` (`aliases: ["/posts/b/"]`)',
    ]);
    expect((await diff(dir, { previous: 'live-atom.xml' })).code).toBe(1);

    const fixed = { slug: 'bee', id: `${SITE}posts/b/`, aliases: ['/posts/b/'] };
    await writeFile(path.join(dir, 'posts/b.md'), post('B', '2026-03-02 10:00', fixed));
    await build({ cwd: dir, cacheDir: false });
    // The old address answers with a redirect page to the new one.
    const redirect = await readFile(path.join(dir, 'dist/posts/b/index.html'), 'utf8');
    expect(redirect).toContain(`<link rel="canonical" href="${SITE}posts/bee/">`);
    expect(redirect).toContain(`<meta http-equiv="refresh" content="0; url=${SITE}posts/bee/">`);
    expect(await diff(dir, { previous: 'live.json' })).toEqual({
      code: 0,
      stdout: [
        'Readers will see 1 new story and 1 update.',
        '',
        '## Test News (`rss.xml`)',
        '',
        '- new: C (`posts/c.md`)',
        '- updated: B (`posts/b.md`)',
        '',
        '## Test News — Tech (`categories/tech/rss.xml`)',
        '',
        '- new: C (`posts/c.md`)',
        '- updated: B (`posts/b.md`)',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(await diff(dir, { previous: 'live-atom.xml' })).toEqual({
      code: 0,
      stdout:
        'Readers will see 1 new story.\n\n## Test News (`rss.xml`)\n\n- new: C (`posts/c.md`)\n',
      stderr: '',
    });
  });
});
