/**
 * A bilingual site in a real browser (issue 12): every page of both languages renders without
 * errors or overflow, says its language, and a reader moves between a story and its translation,
 * and between the two editions, by following links.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../src/build.js';
import { type StaticServer, startStaticServer } from '../helpers/static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const PHONE = { width: 375, height: 740 };

const POSTS: Record<string, string> = {
  'budget.md': `---
title: Budget Passes After a Late Vote
date: 2026-11-20 21:30
categories: [Politics]
author: Dana Whitfield
translationKey: budget
---
The budget passed on a late-night vote.
`,
  'budget-fr.md': `---
title: Le budget adopté après un vote tardif
date: 2026-11-20 22:00
language: fr-CA
categories: [Politique]
author: Dana Whitfield
translationKey: budget
---
Le budget a été adopté lors d'un vote en fin de soirée.
`,
  'festival-fr.md': `---
title: Un festival d'hiver à Québec
date: 2026-11-19 09:00
language: fr-CA
categories: [Culture]
---
Le festival revient en février.
`,
};

describe.skipIf(!existsSync(CHROMIUM))('a bilingual site in a browser', () => {
  let tmp: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let result: BuildResult;
  const problems: string[] = [];

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'feedwright-languages-'));
    server = await startStaticServer(path.join(tmp, 'public'), { mount: '/site/' });
    await mkdir(path.join(tmp, 'posts'));
    for (const [name, text] of Object.entries(POSTS)) {
      await writeFile(path.join(tmp, 'posts', name), text);
    }
    await writeFile(
      path.join(tmp, 'feedwright.config.json'),
      JSON.stringify({
        title: 'Bilingual News',
        description: 'News in two languages.',
        url: server.url,
        languages: ['en-CA', 'fr-CA'],
        text: {
          fr: { title: 'Nouvelles bilingues', description: 'Les nouvelles en deux langues.' },
        },
        timezone: 'America/Toronto',
        author: { name: 'Desk' },
      }),
    );
    result = await build({ cwd: tmp, outDir: 'public', now: new Date('2026-11-25T00:00:00Z') });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: PHONE });
    await context.route(
      (url) => !url.href.startsWith(server.origin),
      (route) => route.abort(),
    );
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`${page.url()}: ${request.url()}`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function open(url: string): Promise<void> {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
  }

  it('renders every page of both languages in its language, without overflow or errors', async () => {
    const pages = result.files
      .map((file) => file.path)
      .filter((p) => p.endsWith('.html'))
      .map((p) => new URL(p.replace(/(^|\/)index\.html$/, '$1'), server.url).href);
    expect(pages.filter((url) => url.includes('/site/fr/')).length).toBeGreaterThan(3);
    for (const url of pages) {
      await open(url);
      const lang = await page.locator('html').getAttribute('lang');
      expect(lang, url).toBe(url.includes('/site/fr/') ? 'fr-CA' : 'en-CA');
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow, url).toBeLessThanOrEqual(0);
      const sections = lang === 'fr-CA' ? 'Rubriques' : 'Sections';
      expect(await page.getByRole('navigation', { name: sections }).count(), url).toBe(1);
    }
    expect(server.requests.filter((r) => r.status >= 400)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('takes a reader from the English story to its French version and back by its links', async () => {
    await open(server.url);
    await page.getByRole('link', { name: 'Budget Passes After a Late Vote' }).click();
    expect(page.url()).toBe(`${server.url}posts/budget/`);
    await page.locator('p.translations').getByRole('link', { name: 'Français' }).click();
    expect(page.url()).toBe(`${server.url}fr/posts/budget-fr/`);
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Le budget adopté après un vote tardif');
    const meta = await page.locator('p.meta').first().textContent();
    expect(meta).toBe('Publié le 20 novembre 2026 à 22 h 00 UTC−5');
    await page.locator('p.translations').getByRole('link', { name: 'English' }).click();
    expect(page.url()).toBe(`${server.url}posts/budget/`);
  });

  it('moves between the two editions from the navigation, each in its own words', async () => {
    await open(server.url);
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Français' })
      .click();
    expect(page.url()).toBe(`${server.url}fr/`);
    expect(await page.locator('h1').textContent()).toBe('Nouvelles bilingues');
    expect(await page.locator('h2').allTextContents()).toEqual(['Derniers articles', 'S’abonner']);
    expect(await page.locator('time').allTextContents()).toEqual([
      '20 novembre 2026',
      '19 novembre 2026',
    ]);
    await page
      .getByRole('navigation', { name: 'Rubriques' })
      .getByRole('link', { name: 'English' })
      .click();
    expect(page.url()).toBe(server.url);
    expect(await page.locator('h2').allTextContents()).toEqual(['Latest stories', 'Subscribe']);
  });
});
