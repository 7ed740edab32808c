/**
 * A continuity report as a publisher reads it — Markdown, since CI appends it to the job summary —
 * or as one JSON document for tools. Post files are shown under `postsDir`, as typed.
 */
import type { BrokenContinuity } from './broken.js';
import type { ContinuityReport, FeedChanges, ReportItem } from './diff.js';

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The report's first line: what readers will see, at a glance. */
export function headline(summary: ContinuityReport['summary']): string {
  const seen = [
    ...(summary.new ? [counted(summary.new, 'new story', 'new stories')] : []),
    ...(summary.updated ? [counted(summary.updated, 'update', 'updates')] : []),
  ];
  const sentences = [
    seen.length > 0
      ? `Readers will see ${seen.join(' and ')}.`
      : `Readers will see ${summary.removed ? 'no new stories or updates' : 'no change'}.`,
  ];
  if (summary.removed) {
    const verb = summary.removed === 1 ? 'is' : 'are';
    sentences.push(`${counted(summary.removed, 'story', 'stories')} ${verb} no longer published.`);
  }
  if (summary.broken) {
    const problems = counted(summary.broken, 'problem', 'problems');
    sentences.push(`Continuity is broken: ${problems} to fix before publishing.`);
  }
  return sentences.join(' ');
}

/**
 * What changed for a broken-continuity entry: "id changed from `a` to `b`" (without the field
 * name where the field is shown beside it), or "no longer published (id `a`)".
 */
export function describeBroken(entry: BrokenContinuity, named = true): string {
  if (entry.new === null) return `no longer published (id \`${entry.old}\`)`;
  return `${named ? `${entry.field} ` : ''}changed from \`${entry.old}\` to \`${entry.new}\``;
}

/** Markdown: the headline, a section per feed with changes, then every continuity problem. */
export function formatReportText(report: ContinuityReport, postsDir = 'posts'): string {
  const blocks = [headline(report.summary)];
  for (const feed of report.feeds) blocks.push(feedSection(feed, postsDir));
  if (report.broken.length > 0) {
    const lines = report.broken.map(
      (entry) =>
        `- \`${postFile(postsDir, entry.source)}\` — ${describeBroken(entry)}. Fix: ${entry.fix}`,
    );
    blocks.push(['## Broken continuity', '', ...lines].join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

/** One JSON document: `{summary, feeds, broken}`, post files shown under `postsDir`. */
export function formatReportJson(report: ContinuityReport, postsDir = 'posts'): string {
  const item = (entry: ReportItem) =>
    entry.source === undefined ? entry : { ...entry, source: postFile(postsDir, entry.source) };
  const json = {
    summary: report.summary,
    feeds: report.feeds.map((feed) => ({
      path: feed.path,
      title: feed.title,
      new: feed.new.map(item),
      updated: feed.updated.map(item),
      removed: feed.removed.map(item),
    })),
    broken: report.broken.map((entry) => ({
      ...entry,
      source: postFile(postsDir, entry.source),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** A post file as the user names it: under the posts folder they gave. */
export function postFile(postsDir: string, source: string): string {
  return postsDir === '' || postsDir === '.' ? source : `${postsDir.replace(/\/+$/, '')}/${source}`;
}

function feedSection(feed: FeedChanges, postsDir: string): string {
  const line = (kind: string) => (item: ReportItem) => {
    const where =
      item.source === undefined ? `<${item.url}>` : `\`${postFile(postsDir, item.source)}\``;
    return `- ${kind}: ${escapeMarkdown(item.title || item.url)} (${where})`;
  };
  return [
    `## ${escapeMarkdown(feed.title)} (\`${feed.path}\`)`,
    '',
    ...feed.new.map(line('new')),
    ...feed.updated.map(line('updated')),
    ...feed.removed.map((item) => line(item.withdrawn ? 'withdrawn (expired)' : 'removed')(item)),
  ].join('\n');
}

/** Text shown as typed in Markdown: every character that could start markup is escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~&!]/g, (c) => `\\${c}`);
}
