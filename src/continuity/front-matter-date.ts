/** An instant written as a post's `date:` would give it back. */
import { tzOffset } from '@date-fns/tz';

/**
 * `iso` as front matter writes it, in the site's time zone: `2026-11-18` when it is midnight
 * there (read back in that zone), else with the zone's offset, `2026-11-18T10:00:00-05:00`.
 */
export function frontMatterDate(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  const offset = tzOffset(timeZone, instant);
  const wall = new Date(instant.getTime() + offset * 60_000).toISOString();
  const day = wall.slice(0, 10);
  const time = wall.slice(11, 23).replace(/\.000$/, '');
  if (time === '00:00:00') return day;
  return `${day}T${time}${offsetText(offset)}`;
}

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}
