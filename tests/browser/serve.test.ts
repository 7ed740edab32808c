/**
 * `feedwright serve` in Chromium: an open page reloads itself after a post is edited, shows a
 * banner when a build fails (the last good page stays), and loses it once the build is fixed.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCommand } from '../../src/cli/serve-command.js';
import { fakeIo } from '../helpers/cli-io.js';
import { postText, siteMaker } from '../helpers/site.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const makeSite = siteMaker();

let browser: Browser;
let dir: string;
let url: string;
let stop: () => Promise<number>;
let output: { stdout: string; stderr: string };

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  dir = await makeSite({ 'story.md': postText({ title: 'Council meets', date: '2026-03-01' }) });
  const { io, out } = fakeIo(dir);
  output = out;
  const controller = new AbortController();
  io.signal = controller.signal;
  const exit = serveCommand({ port: '0', 'no-cache': true }, io);
  stop = () => {
    controller.abort();
    return exit;
  };
  for (let i = 0; i < 500 && !/ built /.test(out.stdout); i++)
    await new Promise((r) => setTimeout(r, 20));
  url = /serving (\S+) /.exec(out.stdout)?.[1] as string;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (stop) expect(await stop()).toBe(0);
});

/** The page's story heading. */
const heading = (page: Page) => page.locator('h1').first().textContent();

describe.skipIf(!HAS_CHROMIUM)('feedwright serve in a browser', () => {
  it('reloads an open page after an edit, shows a failed build in a banner, and clears it once fixed', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${url}posts/story/`);
    expect(await heading(page)).toBe('Council meets');
    // Set on this document only: a reload makes a new one, without it.
    await page.evaluate('window.loadedBefore = true');
    // The live-reload stream is open before anything changes.
    await page.locator('html[data-feedwright-live="open"]').waitFor({ state: 'attached' });
    await writeFile(
      path.join(dir, 'posts/story.md'),
      postText({ title: 'Council votes the budget', date: '2026-03-01' }),
    );
    await page.waitForFunction(
      `document.querySelector('h1')?.textContent?.includes('Council votes the budget')`,
      undefined,
      {
        timeout: 15_000,
      },
    );
    expect(await page.evaluate("'loadedBefore' in window")).toBe(false);

    await writeFile(path.join(dir, 'posts/story.md'), postText({ title: 'No date now' }));
    const banner = page.getByRole('alert');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toMatch(/the last build failed[\s\S]*date is missing/);
    expect(await heading(page)).toBe('Council votes the budget');

    await writeFile(
      path.join(dir, 'posts/story.md'),
      postText({ title: 'Budget passes', date: '2026-03-01' }),
    );
    await page.waitForFunction(
      `document.querySelector('h1')?.textContent?.includes('Budget passes')`,
      undefined,
      {
        timeout: 15_000,
      },
    );
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(output.stderr).toMatch(/build failed: 1 error; still serving the last good build/);
    await page.close();
  }, 60_000);
});
