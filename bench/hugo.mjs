/**
 * Hugo, the peer a publisher would pick instead, on the same corpus: a Hugo site in
 * <corpus>/.hugo/ whose content/posts is the corpus's posts folder (a module mount, so the
 * touch-one and add-one edits reach it too), with a config and minimal templates that build what
 * feedwright builds — RSS, Atom and JSON Feed for the site, for every category and for every
 * author (the newest 50 items, full content), a page for every post, and paginated listings of
 * the site, of every category and of every author. (No RFC 5005 archive documents: Hugo has no
 * such thing.)
 *
 * A Hugo "build" is `hugo` run once, as a publisher's CI runs it: Hugo has no incremental
 * one-shot build, so warm, touch-one and add-one are full builds too (with its resource cache
 * kept; cold clears that and the output).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toSample } from './cases.mjs';
import { measureCommand } from './measure.mjs';
import { discard, trashOf } from './trash.mjs';

/** Hugo's version line, or null when `hugo` is not on the PATH. */
export function hugoVersion() {
  try {
    return execFileSync('hugo', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** Runs Hugo against one corpus, with the interface of cases.mjs's Session. */
export class HugoSession {
  /**
   * @param {import('./corpus.mjs').CorpusInfo} corpus
   * @param {{resync: boolean, log: (line: string) => void, limit: number, limits?: import('./measure.mjs').Limits}} options
   */
  constructor(corpus, options) {
    this.corpus = corpus;
    this.options = options;
    /** @type {(import('./cases.mjs').Sample & {unfinished: string})|undefined} the stopped build */
    this.stopped = undefined;
    this.workDir = path.join(corpus.dir, '.hugo');
    this.outDir = path.join(this.workDir, 'public');
    this.cacheDir = path.join(this.workDir, 'cache');
    this.synced = false;
    this.ready = false;
  }

  /** Moves the output and Hugo's caches to the trash (see trash.mjs), so the next build is cold. */
  async clean() {
    await this.layOut();
    for (const dir of [this.outDir, this.cacheDir, path.join(this.workDir, 'resources')])
      await discard(dir, trashOf(this.corpus.dir));
  }

  /** Moves Hugo's caches to the trash, keeping its output (the bench's `rebuild`). */
  async forgetCache() {
    await this.layOut();
    for (const dir of [this.cacheDir, path.join(this.workDir, 'resources')])
      await discard(dir, trashOf(this.corpus.dir));
  }

  /**
   * One `hugo` build; throws with its output unless it exits 0 or is stopped at the bench's
   * limits (`options.limits`). A stopped build's sample is `unfinished`, its wall time how long it
   * ran: at least that long. Every Hugo build here is a full build, so once one was stopped the
   * later ones are not run (each would run as long, to the same end): their samples are the
   * stopped one's, marked as not run.
   * @param {string} label
   * @returns {Promise<import('./cases.mjs').Sample>}
   */
  async build(label) {
    if (this.stopped) {
      return { ...this.stopped, unfinished: `not run: ${this.stopped.unfinished}` };
    }
    await this.layOut();
    const m = await measureCommand({
      command: 'hugo',
      args: ['--source', this.workDir, '--destination', 'public', '--cacheDir', this.cacheDir],
      cwd: this.workDir,
      env: { ...process.env, HUGO_ENVIRONMENT: 'production' },
      limits: this.options.limits,
    });
    if (m.stopped) {
      const unfinished = `the ${label} was ${m.stopped}`;
      this.options.log(`  hugo ${unfinished}`);
      this.stopped = { ...toSample(m, null), unfinished };
      return this.stopped;
    }
    if (m.code !== 0) {
      throw new Error(
        `hugo ${label} failed (exit ${m.code ?? m.signal}):\n${m.stderr || m.stdout}`,
      );
    }
    const pages = /Pages\s*\|\s*(\d+)/.exec(m.stdout);
    return { ...toSample(m, null), published: pages ? Number(pages[1]) : null };
  }

  /** Hugo keeps no state that could lag behind the corpus. */
  async sync() {
    this.synced = true;
  }

  /** Writes the Hugo site's config and templates (once per session). */
  async layOut() {
    if (this.ready) return;
    const layouts = path.join(this.workDir, 'layouts', '_default');
    await mkdir(layouts, { recursive: true });
    await writeFile(path.join(this.workDir, 'hugo.toml'), config(this.corpus, this.options.limit));
    for (const [name, text] of Object.entries(TEMPLATES))
      await writeFile(
        path.join(layouts, name),
        text.replaceAll('LIMIT', String(this.options.limit)),
      );
    this.ready = true;
  }
}

/**
 * @param {import('./corpus.mjs').CorpusInfo} corpus
 * @param {number} limit
 */
function config(corpus, limit) {
  return `baseURL = "https://news.example.com/"
title = "Northern Daily News"
languageCode = "en"
timeZone = "America/Toronto"
disableKinds = ["sitemap", "robotsTXT", "404"]
paginate = ${limit}
[taxonomies]
  category = "categories"
  author = "author"
[permalinks]
  posts = "/:year/:month/:slug/"
[mediaTypes."application/feed+json"]
  suffixes = ["json"]
[mediaTypes."application/atom+xml"]
  suffixes = ["xml"]
[outputFormats.RSS]
  baseName = "rss"
[outputFormats.Atom]
  mediaType = "application/atom+xml"
  baseName = "atom"
  isPlainText = false
[outputFormats.JSONFeed]
  mediaType = "application/feed+json"
  baseName = "feed"
  isPlainText = true
[outputs]
  home = ["HTML", "RSS", "Atom", "JSONFeed"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS", "Atom", "JSONFeed"]
[[module.mounts]]
  source = ${JSON.stringify(corpus.postsDir)}
  target = "content/posts"
`;
}

// The posts a list shows: the site's (home) or the category's (term), newest first.
const POSTS = `{{- $pages := where .Site.RegularPages "Section" "posts" }}{{ if eq .Kind "term" }}{{ $pages = .Pages }}{{ end }}`;
const NEWEST = `${POSTS}{{ $pages = first LIMIT $pages.ByDate.Reverse -}}`;

const TEMPLATES = {
  'single.html': `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title>
<link rel="alternate" type="application/rss+xml" href="{{ "rss.xml" | absURL }}"></head>
<body><article><h1>{{ .Title }}</h1><p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "January 2, 2006" }}</time>{{ with .Params.author }} by {{ . }}{{ end }}</p>
{{ with .Params.categories }}<ul>{{ range . }}<li><a href="{{ "categories/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}</article></body></html>
`,
  'list.html': `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title></head>
<body><h1>{{ .Title }}</h1>${POSTS}
{{ $p := .Paginate $pages.ByDate.Reverse }}<ol>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary }}</p></li>{{ end }}</ol>
{{ if $p.HasPrev }}<a rel="prev" href="{{ $p.Prev.URL }}">Newer</a>{{ end }} {{ if $p.HasNext }}<a rel="next" href="{{ $p.Next.URL }}">Older</a>{{ end }}</body></html>
`,
  'list.rss.xml': `${NEWEST}
{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{{ .Site.Title }}{{ if eq .Kind "term" }} – {{ .Title }}{{ end }}</title><link>{{ .Permalink }}</link><description>{{ .Site.Title }}</description><language>en</language>
<atom:link href="{{ .Permalink }}rss.xml" rel="self" type="application/rss+xml"/>
{{ range $pages }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><guid>{{ .Permalink }}</guid><pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" }}</pubDate>{{ with .Params.author }}<author>{{ . }}</author>{{ end }}{{ range .Params.categories }}<category>{{ . }}</category>{{ end }}<description>{{ .Summary | html }}</description><content:encoded>{{ .Content | html }}</content:encoded></item>
{{ end }}</channel></rss>
`,
  'list.atom.xml': `${NEWEST}
{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom"><title>{{ .Site.Title }}</title><id>{{ .Permalink }}</id><link rel="self" href="{{ .Permalink }}atom.xml"/><updated>{{ (index $pages 0).Lastmod.Format "2006-01-02T15:04:05Z07:00" }}</updated>
{{ range $pages }}<entry><title>{{ .Title }}</title><link href="{{ .Permalink }}"/><id>{{ .Permalink }}</id><updated>{{ .Lastmod.Format "2006-01-02T15:04:05Z07:00" }}</updated><published>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</published>{{ with .Params.author }}<author><name>{{ . }}</name></author>{{ end }}{{ range .Params.categories }}<category term="{{ . }}"/>{{ end }}<summary>{{ .Summary | plainify }}</summary><content type="html">{{ .Content | html }}</content></entry>
{{ end }}</feed>
`,
  'list.jsonfeed.json': `${NEWEST}
{{- $items := slice -}}
{{- range $pages -}}{{ $items = $items | append (dict "id" .Permalink "url" .Permalink "title" .Title "content_html" .Content "summary" (.Summary | plainify) "date_published" (.Date.Format "2006-01-02T15:04:05Z07:00") "tags" .Params.categories) }}{{- end -}}
{{ dict "version" "https://jsonfeed.org/version/1.1" "title" .Site.Title "home_page_url" .Site.BaseURL "feed_url" (printf "%sfeed.json" .Permalink) "items" $items | jsonify }}
`,
};
