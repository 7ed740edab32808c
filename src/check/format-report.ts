/**
 * A check report as a publisher reads it — per profile, per feed, one line per finding:
 * `error   msn/title-length  posts/x.md  "Title": the title is 12 characters, …` — or as one
 * JSON document for tools. Post files are shown under `postsDir`, as typed.
 */
import { postFile } from '../continuity/format-report.js';
import { truncateAtWord } from '../text.js';
import type { CheckReport, Finding } from './check-feeds.js';
import type { FeedFormat, Profile } from './profiles.js';

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/** How long an item's title may be when a finding quotes it. */
const QUOTED_TITLE_CHARS = 60;

/** How many of `findings` are errors, and how many advice. */
export function tally(findings: readonly Finding[]): { errors: number; advice: number } {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, advice: findings.length - errors };
}

/** The report as text: a section per profile, findings grouped by feed, then a tally. */
export function formatCheckText(report: CheckReport, postsDir = 'posts'): string {
  const width = Math.max(0, ...report.findings.map((f) => f.rule.length));
  const sections = report.profiles.map((profile) => {
    const own = report.findings.filter((f) => f.rule.startsWith(`${profile.name}/`));
    const blocks = [heading(profile, report.feeds.length)];
    for (const { feed, findings } of byFeed(report.feeds, own)) {
      const lines = findings.map((f) => line(f, width, postsDir));
      blocks.push([feed, ...lines].join('\n'));
    }
    blocks.push(verdict(profile, own, report.feeds.length));
    return blocks.join('\n\n');
  });
  return `${sections.join('\n\n')}\n`;
}

/** Findings grouped by the feed they are in (all its formats together), in the report's order. */
function byFeed(
  feeds: CheckReport['feeds'],
  findings: readonly Finding[],
): { feed: string; findings: Finding[] }[] {
  const groups = feeds.map((feed) => {
    const paths = Object.values(feed.paths);
    const name = paths[0] ?? '';
    return {
      feed: feed.title ? `${name} (${feed.title})` : name,
      findings: findings.filter((f) => paths.includes(f.feed)),
    };
  });
  const known = new Set(feeds.flatMap((feed) => Object.values(feed.paths)));
  const others = findings.filter((f) => !known.has(f.feed));
  for (const feed of new Set(others.map((f) => f.feed))) {
    groups.push({ feed, findings: others.filter((f) => f.feed === feed) });
  }
  return groups.filter((group) => group.findings.length > 0);
}

function heading(profile: Profile, feeds: number): string {
  const formats = profile.formats.map((f) => FORMAT_NAMES[f]);
  const checked = `${feeds} feed${feeds === 1 ? '' : 's'}`;
  return `${profile.name} — ${profile.title}: ${profile.rules.length} rules, ${checked} read as ${formats.join(' and ')}`;
}

function line(f: Finding, width: number, postsDir: string): string {
  const where = f.source ? postFile(postsDir, f.source) : f.feed;
  const quoted = f.item ? `"${truncateAtWord(f.item, QUOTED_TITLE_CHARS)}": ` : '';
  return `${f.severity.padEnd(6)}  ${f.rule.padEnd(width)}  ${where}  ${quoted}${f.message}`;
}

function verdict(profile: Profile, findings: readonly Finding[], feeds: number): string {
  const { errors, advice } = tally(findings);
  const checked = `${feeds} feed${feeds === 1 ? '' : 's'}`;
  if (errors + advice === 0) return `${profile.name}: every rule kept in ${checked}.`;
  const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${advice} advice`];
  const meaning =
    errors > 0
      ? `errors keep ${profile.title} from taking a feed or a story`
      : 'advice only: the feeds are taken, but shown worse than they could be';
  return `${profile.name}: ${parts.join(', ')} in ${checked} (${meaning}).`;
}

/**
 * One JSON document: the profiles with their rules, a tally, and every finding (its post file
 * under `postsDir`).
 */
export function formatCheckJson(report: CheckReport, postsDir = 'posts'): string {
  const json = {
    profiles: report.profiles.map((profile) => ({
      name: profile.name,
      title: profile.title,
      formats: profile.formats,
      rules: profile.rules.map(({ id, severity, description, source }) => ({
        id,
        severity,
        description,
        source,
      })),
    })),
    summary: { ...tally(report.findings), feeds: report.feeds.length },
    findings: report.findings.map((f) =>
      f.source === undefined ? f : { ...f, source: postFile(postsDir, f.source) },
    ),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
