/**
 * Sites written for Jekyll, Hugo and Zola (fixtures written from each tool's documentation: what
 * `jekyll new` writes, Hugo's front-matter formats and page bundles, Zola's TOML and taxonomies)
 * build as they are with their `conventions`: every post read, no error, no warning for the
 * tools' ordinary keys, and the URLs the old tool gave.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXml, textOf } from '../helpers/feeds.js';
import { png } from '../helpers/png.js';
import { makeConfig, runCli, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();
const SITE = 'https://blog.example/';

/** Builds `posts` (a folder of the tool's content) and gives the manifest's items and stderr. */
async function buildAs(
  conventions: 'jekyll' | 'hugo' | 'zola' | 'eleventy',
  posts: Record<string, string | Buffer>,
  folder: string,
) {
  const { language: _l, ...config } = makeConfig({ url: SITE, timezone: 'America/New_York' });
  const dir = await makeSite({}, { ...config, conventions });
  const { mkdir, writeFile } = await import('node:fs/promises');
  for (const [file, content] of Object.entries(posts)) {
    const target = path.join(dir, folder, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  const run = runCli(dir, ['build', '--posts', folder]);
  const manifest =
    run.status === 0
      ? JSON.parse(await readFile(path.join(dir, 'dist', '.feedwright-manifest.json'), 'utf8'))
      : { items: [] };
  const items = (manifest.items as { url: string; source: string; title: string }[]).map((item) => [
    item.source,
    item.url.slice(SITE.length),
  ]);
  return { run, items, dir };
}

describe('a Jekyll site (conventions: jekyll)', () => {
  const posts = {
    '2025-01-29-welcome-to-jekyll.markdown': `---
layout: post
title:  "Welcome to Jekyll!"
date:   2025-01-29 10:00:00 -0500
categories: jekyll update
---
You’ll find this post in your \`_posts\` directory.

{% highlight ruby %}
def print_hi(name)
  puts "Hi, #{name}"
end
{% endhighlight %}

Check out the [Jekyll docs][jekyll-docs].

[jekyll-docs]: https://jekyllrb.com/docs/home
`,
    '2025-02-03-Release-Notes.md': `---
layout: post
title: Release notes
excerpt: What changed in February.
tags: [release]
comments: true
---
Many things changed.
`,
    '2025-02-04-unpublished.md':
      '---\nlayout: post\ntitle: Not yet\npublished: false\n---\nSoon.\n',
  };

  it('builds every post as it is, with the URLs Jekyll gave them', async () => {
    const { run, items, dir } = await buildAs('jekyll', posts, '_posts');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(items).toEqual([
      ['2025-02-03-Release-Notes.md', '2025/02/03/Release-Notes.html'],
      ['2025-01-29-welcome-to-jekyll.markdown', 'jekyll/update/2025/01/29/welcome-to-jekyll.html'],
    ]);
    const page = await readFile(
      path.join(dir, 'dist/jekyll/update/2025/01/29/welcome-to-jekyll.html'),
      'utf8',
    );
    expect(page).toContain('<pre><code class="language-ruby">def print_hi(name)');
    expect(page).not.toContain('{%');
    const channel = parseXml(await readFile(path.join(dir, 'dist/rss.xml'), 'utf8')).rss.channel;
    expect(textOf(channel.item[0].description)).toBe('What changed in February.');
    // "categories: jekyll update" is two categories, as Jekyll reads it.
    expect(channel.item[1].category.map(textOf)).toEqual(['jekyll', 'update']);
  });
});

describe('a Hugo site (conventions: hugo)', () => {
  const posts = {
    '_index.md': '---\ntitle: Home\n---\nWelcome.\n',
    'posts/_index.md': '+++\ntitle = "Posts"\n+++\n',
    'posts/my-first-post.md': `---
title: "My First Post"
date: 2025-01-29T10:00:00-05:00
lastmod: 2025-01-30T09:00:00-05:00
draft: false
tags: ["hugo"]
categories: ["Notes"]
weight: 10
---
The summary paragraph.<!--more-->

{{< youtube w7Ft2ymGmfc >}}

{{< notice warning >}}Careful.{{< /notice >}}
`,
    'posts/v9.9.0.md': `+++
title = 'Release v9.9.0'
date = 2025-02-01T08:00:00Z
tags = ['release']
[params]
  featured = true
+++
Released.
`,
    'posts/trip/index.md': `{
  "title": "A trip",
  "date": "2025-02-10T12:00:00Z",
  "images": ["photo.png"]
}
![The view](photo.png)
`,
    'posts/trip/photo.png': png(40, 30),
  };

  it('builds every post (TOML, JSON, a bundle), skips the sections, and keeps Hugo’s URLs', async () => {
    const { run, items, dir } = await buildAs('hugo', posts, 'content');
    expect(run.status, run.stderr).toBe(0);
    expect(items).toEqual([
      ['posts/trip/index.md', 'posts/trip/'],
      ['posts/v9.9.0.md', 'posts/v9.9.0/'],
      ['posts/my-first-post.md', 'posts/my-first-post/'],
    ]);
    // One note for the two section pages, and a warning for each shortcode tag it cannot run.
    expect(run.stderr).toContain('2 section pages (_index.md) skipped');
    expect(run.stderr).toContain(
      'warning: content/posts/my-first-post.md:14  Hugo shortcode {{< notice warning >}} cannot run here',
    );
    expect(run.stderr).not.toContain('unknown key');
    // The bundle's image is published beside its page, where the page's link finds it.
    const image = await readFile(path.join(dir, 'dist/posts/trip/photo.png'));
    expect(image.length).toBeGreaterThan(0);
    const page = await readFile(path.join(dir, 'dist/posts/trip/index.html'), 'utf8');
    expect(page).toContain('src="https://blog.example/posts/trip/photo.png"');
    const first = await readFile(path.join(dir, 'dist/posts/my-first-post/index.html'), 'utf8');
    expect(first).toContain('href="https://www.youtube.com/watch?v=w7Ft2ymGmfc"');
    expect(first).toContain('datetime="2025-01-30T14:00:00.000Z"');
  });
});

describe('a Zola site (conventions: zola)', () => {
  const posts = {
    'blog/_index.md': '+++\ntitle = "Blog"\nsort_by = "date"\n+++\n',
    'blog/2024-03-01-first-post.md': `+++
title = "First post"
description = "The first one."

[taxonomies]
tags = ["rust", "zola"]
categories = ["Programming"]

[extra]
toc = true
+++
Hello from Zola.
<!-- more -->
The rest.
`,
    'blog/second.md': `+++
title = "Second"
date = 2024-03-05
slug = "second-post"
aliases = ["/old/second/"]
+++
Again.
`,
  };

  it('reads TOML front matter, taxonomies and dated names, with Zola’s URLs', async () => {
    const { run, items, dir } = await buildAs('zola', posts, 'content');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('warning');
    expect(items).toEqual([
      ['blog/second.md', 'blog/second-post/'],
      ['blog/2024-03-01-first-post.md', 'blog/first-post/'],
    ]);
    const channel = parseXml(await readFile(path.join(dir, 'dist/rss.xml'), 'utf8')).rss.channel;
    const first = channel.item[1];
    expect(textOf(first.description)).toBe('The first one.');
    expect(first.category.map(textOf)).toEqual(['Programming', 'rust', 'zola']);
    expect(await readFile(path.join(dir, 'dist/old/second/index.html'), 'utf8')).toContain(
      'https://blog.example/blog/second-post/',
    );
  });
});

describe('an Eleventy site (conventions: eleventy)', () => {
  const posts = {
    'blog/blog.11tydata.js': 'export default { tags: ["posts"], layout: "layouts/post.njk" };\n',
    'blog/firstpost.md': `---
title: This is my first post.
description: This is a post on My Blog about agile frameworks.
date: 2018-05-01
tags:
  - another tag
---
Leverage agile frameworks to provide a robust synopsis for high level overviews.
`,
    'blog/2024-03-01-dated.md': '---\ntitle: Dated by its name\n---\nHello.\n',
    'blog/computed.md': `---
title: Computed address
date: 2024-04-01
permalink: "/{{ page.fileSlug }}/index.html"
---
A permalink only Eleventy can compute.
`,
    'about.md':
      '---\ntitle: About\ndate: 2018-01-01\neleventyExcludeFromCollections: true\n---\nAbout me.\n',
  };

  it('builds every post with Eleventy’s addresses, the computed one named in a warning', async () => {
    const { run, items } = await buildAs('eleventy', posts, 'content');
    expect(run.status, run.stderr).toBe(0);
    expect(items).toEqual([
      ['blog/computed.md', 'blog/computed/'],
      ['blog/2024-03-01-dated.md', 'blog/2024-03-01-dated/'],
      ['blog/firstpost.md', 'blog/firstpost/'],
      ['about.md', 'about/'],
    ]);
    expect(run.stderr).toContain(
      'content/blog/computed.md:4:12  permalink  permalink "/{{ page.fileSlug }}/index.html" holds template code',
    );
    expect(run.stderr.match(/^warning:/gm)).toHaveLength(1);
  });
});
