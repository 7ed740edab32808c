import { describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import {
  NEW_POST_BODY,
  postDate,
  postDay,
  postText,
  welcomePost,
} from '../../../src/scaffold/post-file.js';
import { makeConfig, read, siteMaker } from '../../helpers/site.js';

const makeSite = siteMaker();

describe('postDay', () => {
  it("is today's date in the site's zone, not the machine's", () => {
    const lateInToronto = new Date('2026-11-19T03:30:00Z'); // 22:30 on the 18th in Toronto
    expect(postDay(lateInToronto, 'America/Toronto')).toBe('2026-11-18');
    expect(postDay(lateInToronto, 'UTC')).toBe('2026-11-19');
    expect(postDay(lateInToronto, 'Asia/Tokyo')).toBe('2026-11-19');
  });
});

describe('postDate', () => {
  it('is the wall-clock minute in the zone, with no offset, never later than now', () => {
    const now = new Date('2026-11-18T15:42:59.900Z');
    expect(postDate(now, 'America/Toronto')).toBe('2026-11-18 10:42');
    expect(postDate(now, 'UTC')).toBe('2026-11-18 15:42');
    expect(postDate(now, 'Asia/Kolkata')).toBe('2026-11-18 21:12');
  });

  it('writes the offset within hours of a clock change, where a wall time can mean two instants', () => {
    // Toronto falls back at 06:00 UTC on 2026-11-01: 01:30 happens twice.
    expect(postDate(new Date('2026-11-01T05:30:00Z'), 'America/Toronto')).toBe(
      '2026-11-01T01:30:00-04:00',
    );
    expect(postDate(new Date('2026-11-01T06:30:00Z'), 'America/Toronto')).toBe(
      '2026-11-01T01:30:00-05:00',
    );
    // A zone with no clock changes never needs it.
    expect(postDate(new Date('2026-11-01T05:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-01 14:30');
  });
});

describe('postText', () => {
  it('writes the title double-quoted, so YAML reads back exactly that string', () => {
    for (const title of [
      'yes',
      '2026',
      '[not a list]',
      'Hello: "world" #1',
      "It's 100% \\ done",
      'Ça va ?',
    ]) {
      const text = postText(title, '2026-11-18 10:42', 'Body.\n');
      expect(
        text.startsWith(
          `---\ntitle: ${JSON.stringify(title)}\ndate: 2026-11-18 10:42\n---\nBody.\n`,
        ),
      ).toBe(true);
    }
  });

  it('is read by feedwright as a post with that title, dated in the site zone', async () => {
    const titles = ['yes', '2026', '[not a list]', 'Hello: "world" #1', "It's 100% \\ done"];
    const posts = Object.fromEntries(
      titles.map((title, i) => [`p${i}.md`, postText(title, `2026-11-18 10:4${i}`, NEW_POST_BODY)]),
    );
    const dir = await makeSite(posts, makeConfig({ timezone: 'America/Toronto' }));
    const result = await build({ cwd: dir, cacheDir: false });
    expect(result.diagnostics).toEqual([]);
    const feed = JSON.parse(await read(dir, 'dist/feed.json'));
    const items = feed.items.map((item: { title: string; date_published: string }) => [
      item.title,
      item.date_published,
    ]);
    expect(items.sort()).toEqual(
      titles.map((title, i) => [title, `2026-11-18T15:4${i}:00.000Z`]).sort(),
    );
    expect(feed.items[0].summary).toMatch(/^The first paragraph is the summary readers see/);
  });
});

describe('welcomePost', () => {
  it('is dated the day given and titled for the site', () => {
    const text = welcomePost('Harbour Gazette', '2026-11-18');
    expect(
      text.startsWith('---\ntitle: "Welcome to Harbour Gazette"\ndate: 2026-11-18\n---\n'),
    ).toBe(true);
    expect(text).toContain('npx feedwright new "A title"');
  });
});
