import { parseFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { feedFileSnapshot } from '../../../src/continuity/feed-snapshot.js';
import { hugoRss, jekyllAtom, SITE } from '../../helpers/continuity.js';

const snapshotOf = (text: string) => feedFileSnapshot(parseFeed<string>(text));

describe('feedFileSnapshot', () => {
  it("reads jekyll-feed's Atom: tag: ids, html titles decoded, dates to UTC", () => {
    const atom = jekyllAtom([
      [
        `${SITE}2026/03/02/beta.html`,
        'tag:news.example.com,2026-03-02:/2026/03/02/beta',
        'Fish &amp;amp; Chips &amp;#8217;n more',
        '2026-03-02T10:00:00-05:00',
        '2026-03-03T08:15:00-05:00',
      ],
      [
        `${SITE}2026/03/01/alpha.html`,
        `${SITE}2026/03/01/alpha`,
        'Alpha',
        '2026-03-01T10:00:00-05:00',
      ],
    ]);
    expect(snapshotOf(atom)).toEqual({
      kind: 'feed',
      format: 'atom',
      title: 'Test News',
      selfUrl: `${SITE}feed.xml`,
      items: [
        {
          id: 'tag:news.example.com,2026-03-02:/2026/03/02/beta',
          url: `${SITE}2026/03/02/beta.html`,
          title: 'Fish & Chips ’n more',
          published: '2026-03-02T15:00:00.000Z',
          updated: '2026-03-03T13:15:00.000Z',
        },
        {
          id: `${SITE}2026/03/01/alpha`,
          url: `${SITE}2026/03/01/alpha.html`,
          title: 'Alpha',
          published: '2026-03-01T15:00:00.000Z',
          updated: '2026-03-01T15:00:00.000Z',
        },
      ],
    });
  });

  it("reads Hugo's RSS: guid = link, RFC 822 dates with offsets, no updated date", () => {
    const rss = hugoRss([
      [`${SITE}posts/alpha/`, 'Alpha &amp; Omega', 'Sun, 01 Mar 2026 10:00:00 -0500'],
    ]);
    expect(snapshotOf(rss)).toEqual({
      kind: 'feed',
      format: 'rss',
      title: 'Test News',
      selfUrl: `${SITE}index.xml`,
      items: [
        {
          id: `${SITE}posts/alpha/`,
          url: `${SITE}posts/alpha/`,
          title: 'Alpha & Omega',
          published: '2026-03-01T15:00:00.000Z',
        },
      ],
    });
  });

  it("reads WordPress's RSS: a ?p= guid that is no permalink, the link beside it", () => {
    const rss = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
	<title>Test News</title>
	<atom:link href="${SITE}feed/" rel="self" type="application/rss+xml" />
	<link>${SITE}</link>
	<description>News for tests</description>
	<lastBuildDate>Sun, 01 Mar 2026 15:00:00 +0000</lastBuildDate>
	<generator>https://wordpress.org/?v=6.5.2</generator>
	<item>
		<title>Hello world!</title>
		<link>${SITE}2026/03/01/hello-world/</link>
		<dc:creator><![CDATA[desk]]></dc:creator>
		<pubDate>Sun, 01 Mar 2026 15:00:00 +0000</pubDate>
		<guid isPermaLink="false">${SITE}?p=42</guid>
		<description><![CDATA[Welcome.]]></description>
	</item>
	<item>
		<title>Only a guid</title>
		<guid>${SITE}?page_id=7</guid>
	</item>
	<item>
		<title>Neither guid nor link</title>
	</item>
</channel>
</rss>`;
    expect(snapshotOf(rss)?.items).toEqual([
      {
        id: `${SITE}?p=42`,
        url: `${SITE}2026/03/01/hello-world/`,
        title: 'Hello world!',
        published: '2026-03-01T15:00:00.000Z',
      },
      { id: `${SITE}?page_id=7`, url: `${SITE}?page_id=7`, title: 'Only a guid' },
    ]);
  });

  it('reads JSON Feed 1.0 and 1.1; links written relative are made absolute', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1',
      title: 'Test News',
      home_page_url: SITE,
      feed_url: `${SITE}feed.json`,
      author: { name: 'Desk' },
      items: [
        {
          id: '42',
          url: '/2026/03/01/alpha/',
          title: 'Alpha',
          content_html: '<p>Text.</p>',
          date_published: '2026-03-01T10:00:00-05:00',
          date_modified: '2026-03-02T10:00:00-05:00',
        },
        { id: 43, content_text: 'No title, no date.' },
      ],
    });
    expect(snapshotOf(json)).toEqual({
      kind: 'feed',
      format: 'json',
      title: 'Test News',
      selfUrl: `${SITE}feed.json`,
      items: [
        {
          id: '42',
          url: `${SITE}2026/03/01/alpha/`,
          title: 'Alpha',
          published: '2026-03-01T15:00:00.000Z',
          updated: '2026-03-02T15:00:00.000Z',
        },
        { id: '43', url: '43', title: '' },
      ],
    });
  });

  it('leaves out dates it cannot read, and the self link when there is none', () => {
    const rss = `<rss version="2.0"><channel><title> Old   blog </title><link>${SITE}</link><description>d</description>
      <item><title>A</title><link>posts/a/</link><pubDate>sometime in March</pubDate></item></channel></rss>`;
    expect(snapshotOf(rss)).toEqual({
      kind: 'feed',
      format: 'rss',
      title: 'Old blog',
      items: [{ id: `${SITE}posts/a/`, url: `${SITE}posts/a/`, title: 'A' }],
    });
  });

  it('compares no RSS 1.0 (RDF) feed', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel rdf:about="${SITE}"><title>T</title><link>${SITE}</link><description>d</description></channel>
      <item rdf:about="${SITE}a"><title>A</title><link>${SITE}a</link></item></rdf:RDF>`;
    expect(snapshotOf(rdf)).toBeUndefined();
  });
});
