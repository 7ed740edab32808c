/** The Markdown files `feedwright init` and `feedwright new` write: front matter, then a body. */
import { tzOffset } from '@date-fns/tz';

/** How far around a clock change (DST) a time gets its offset written out: the zone's widest shift. */
const NEAR_CLOCK_CHANGE_MS = 3 * 60 * 60 * 1000;

/** `now` on the wall clock of `timeZone`, as `YYYY-MM-DDTHH:MM`, with its offset in minutes. */
function wallClock(now: Date, timeZone: string): { wall: string; offset: number } {
  const offset = tzOffset(timeZone, now);
  return { wall: new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 16), offset };
}

/** Today's date in `timeZone`: `2026-11-18`. */
export function postDay(now: Date, timeZone: string): string {
  return wallClock(now, timeZone).wall.slice(0, 10);
}

/**
 * `now` as a post's `date:` in `timeZone`, to the minute (never later than now, so the post is
 * published at once): `2026-11-18 10:42`, read back in the site's zone. Within hours of a clock
 * change, when that wall time could be read as two instants, the offset is written too:
 * `2026-11-01T01:30:00-04:00`.
 */
export function postDate(now: Date, timeZone: string): string {
  const { wall, offset } = wallClock(now, timeZone);
  const before = tzOffset(timeZone, new Date(now.getTime() - NEAR_CLOCK_CHANGE_MS));
  const after = tzOffset(timeZone, new Date(now.getTime() + NEAR_CLOCK_CHANGE_MS));
  if (before === after) return wall.replace('T', ' ');
  return `${wall}:00${offsetText(offset)}`;
}

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A post file: the title as a double-quoted string (JSON's form, which YAML reads the same, so
 * no title is ever taken for a number, a date or a list), the date as written, then the body.
 */
export function postText(title: string, date: string, body: string): string {
  return `---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\n---\n${body}`;
}

/** The body of a post `feedwright new` writes: where the summary comes from, and what else goes on top. */
export const NEW_POST_BODY = `The first paragraph is the summary readers see in their feed reader (or set \`summary:\`
in the front matter). Write the story here, in Markdown.

Add \`categories: [Politics]\`, \`tags: [...]\`, \`author:\` or \`image:\` above the closing \`---\`
when the story needs them; set \`draft: true\` to keep it out of the feeds while you write.
`;

/** The example post `feedwright init` writes, dated `day`, with what a writer needs to know. */
export function welcomePost(siteTitle: string, day: string): string {
  const body = `${siteTitle} is up: this is its first story, and the summary readers see in their feed reader.

Every Markdown file in \`posts/\` is a story. \`npx feedwright new "A title"\` starts one dated now;
\`npx feedwright serve\` shows the site at http://127.0.0.1:4000/ and rebuilds it as you write;
\`npx feedwright build\` writes the feeds and pages into \`dist/\`.

## What the front matter says

- \`title\` and \`date\` are required; a date without an offset is in the config's \`timezone\`.
- A post dated in the future is published when its time comes.
- \`categories\`, \`tags\`, \`author\`, \`summary\` and \`image\` are optional.

Delete this post once you have written your own.
`;
  return postText(`Welcome to ${siteTitle}`, day, body);
}
