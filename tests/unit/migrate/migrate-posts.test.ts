import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { diffSnapshots } from '../../../src/continuity/diff.js';
import { readCurrent, readPrevious } from '../../../src/continuity/read-snapshots.js';
import { migratePosts, pinsHold } from '../../../src/migrate/migrate-posts.js';

const SITE = 'https://blog.example/';
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const POST = `---
layout: post
title:  "Welcome to Jekyll!"
date:   2025-01-29 10:00:00 -0500
categories: jekyll update
---
You’ll find this post in your \`_posts\` directory.
`;

/** The Atom file jekyll-feed wrote for the old site: ids without the .html its links have. */
const OLD_ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="${SITE}feed.xml" rel="self" type="application/atom+xml"/>
  <id>${SITE}feed.xml</id>
  <title>Old Blog</title>
  <updated>2025-01-29T10:00:00-05:00</updated>
  <entry>
    <title type="html">Welcome to Jekyll!</title>
    <link href="${SITE}jekyll/update/2025/01/29/welcome-to-jekyll.html" rel="alternate" type="text/html"/>
    <published>2025-01-29T10:00:00-05:00</published>
    <updated>2025-01-29T10:00:00-05:00</updated>
    <id>${SITE}jekyll/update/2025/01/29/welcome-to-jekyll</id>
  </entry>
  <entry>
    <title type="html">A post that was deleted</title>
    <link href="${SITE}2024/01/01/deleted.html" rel="alternate" type="text/html"/>
    <published>2024-01-01T10:00:00-05:00</published>
    <id>${SITE}2024/01/01/deleted</id>
  </entry>
</feed>
`;

async function site(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-migrate-'));
  dirs.push(dir);
  await mkdir(path.join(dir, '_posts'));
  await writeFile(path.join(dir, '_posts', '2025-01-29-welcome-to-jekyll.md'), POST);
  await writeFile(path.join(dir, 'old-feed.xml'), OLD_ATOM);
  await writeFile(
    path.join(dir, 'feedwright.config.json'),
    JSON.stringify({
      title: 'Blog',
      description: 'A blog',
      url: SITE,
      author: 'Me',
      timezone: 'America/New_York',
    }),
  );
  return dir;
}

async function brokenAfter(dir: string) {
  const manifest = await readFile(path.join(dir, 'dist', '.feedwright-manifest.json'), 'utf8');
  const previous = await readPrevious(OLD_ATOM, 'old-feed.xml');
  const report = diffSnapshots(previous, readCurrent(manifest, 'manifest'), {
    siteUrl: SITE,
    timeZone: 'America/New_York',
    postFiles: ['2025-01-29-welcome-to-jekyll.md'],
  });
  return report.broken;
}

describe('migratePosts', () => {
  it('pins the old id and address, after which the old feed continues with nothing broken', async () => {
    const dir = await site();
    const options = { cwd: dir, postsDir: '_posts', outDir: 'dist' };
    await build({ ...options, cacheDir: false });
    expect((await brokenAfter(dir)).map((b) => b.field)).toEqual(['id', 'link']);

    const site_ = { siteUrl: SITE, timeZone: 'America/New_York' };
    const result = await migratePosts({ ...options, from: ['old-feed.xml'], site: site_ });
    expect(result.changed).toEqual(['2025-01-29-welcome-to-jekyll.md']);
    expect(result.unmatched.map((item) => item.title)).toEqual(['A post that was deleted']);
    const text = await readFile(
      path.join(dir, '_posts', '2025-01-29-welcome-to-jekyll.md'),
      'utf8',
    );
    expect(text).toBe(
      POST.replace(
        'categories: jekyll update\n',
        `categories: jekyll update\nid: "${SITE}jekyll/update/2025/01/29/welcome-to-jekyll"\naliases: ["/jekyll/update/2025/01/29/welcome-to-jekyll.html"]\n`,
      ),
    );

    await build({ ...options, cacheDir: false });
    expect(await brokenAfter(dir)).toEqual([]);
    // The old address answers with a page that sends readers on.
    const redirect = await readFile(
      path.join(dir, 'dist', 'jekyll/update/2025/01/29/welcome-to-jekyll.html'),
      'utf8',
    );
    expect(redirect).toContain('http-equiv="refresh"');
  });

  it('changes nothing with dryRun, and says what it would change', async () => {
    const dir = await site();
    const options = { cwd: dir, postsDir: '_posts', outDir: 'dist' };
    await build({ ...options, cacheDir: false });
    const site_ = { siteUrl: SITE, timeZone: 'America/New_York' };
    const result = await migratePosts({
      ...options,
      from: ['old-feed.xml'],
      site: site_,
      dryRun: true,
    });
    expect(result.changed).toHaveLength(1);
    expect(
      await readFile(path.join(dir, '_posts', '2025-01-29-welcome-to-jekyll.md'), 'utf8'),
    ).toBe(POST);
  });

  it('refuses a missing old feed, and a folder with no build', async () => {
    const dir = await site();
    const site_ = { siteUrl: SITE, timeZone: 'UTC' };
    await expect(
      migratePosts({
        cwd: dir,
        postsDir: '_posts',
        outDir: 'dist',
        from: ['old-feed.xml'],
        site: site_,
      }),
    ).rejects.toThrow(/run feedwright build first/);
    await build({ cwd: dir, postsDir: '_posts', outDir: 'dist', cacheDir: false });
    await expect(
      migratePosts({
        cwd: dir,
        postsDir: '_posts',
        outDir: 'dist',
        from: ['nope.xml'],
        site: site_,
      }),
    ).rejects.toMatchObject({ diagnostics: [{ code: 'migrate-feed-missing', file: 'nope.xml' }] });
  });
});

describe('pinsHold', () => {
  const pin = { id: 'x', aliases: ['/old/'] };

  it('holds when exactly the pins changed', () => {
    expect(
      pinsHold('---\ntitle: T\n---\nB', '---\ntitle: T\nid: "x"\naliases: ["/old/"]\n---\nB', pin),
    ).toBe(true);
  });

  it('fails when anything else changed, or the result does not parse', () => {
    expect(
      pinsHold('---\ntitle: T\n---\nB', '---\ntitle: U\nid: "x"\naliases: ["/old/"]\n---\nB', pin),
    ).toBe(false);
    expect(pinsHold('---\ntitle: T\n---\nB', '---\ntitle: T\nid: "x"\n  - bad\n---\nB', pin)).toBe(
      false,
    );
    expect(
      pinsHold('---\ntitle: T\n---\nB', '---\ntitle: T\nid: "x"\naliases: ["/old/"]\n---\nC', pin),
    ).toBe(false);
  });
});
