/**
 * The README's headline table, rendered from a results report (the JSON `run.ts` writes): each row sets a
 * figure of ours beside the best peer for it, the one with the lowest value among the peers set up as
 * their docs recommend (a naive setup is never the one to beat; it appears as a labelled extra row).
 * `run.ts` rewrites the README's table after every full run; to regenerate it from a given results file:
 *
 *   tsx bench/lib/headline.ts bench/results/<date>.json            # rewrites the README's table
 *   tsx bench/lib/headline.ts bench/results/<date>.json --print    # prints it only
 *
 * The README holds the table between `<!-- bench:headline:start -->` and `<!-- bench:headline:end -->`.
 * A quick or partial report (`--quick`, `--only`) is written into the README only with `--force`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatNumber, type Report } from './render-report.ts';
import type { BenchSection, Comparison } from './report.ts';

export const headlineStart = '<!-- bench:headline:start -->';
export const headlineEnd = '<!-- bench:headline:end -->';

/** The README of the repository, beside `bench/`. */
export const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url));

interface HeadlineRow {
  readonly what: string;
  readonly peer: string;
  readonly ratio: string;
}

/** A figure as the table shows it; `over` marks a lower bound (the run ended before it was all painted). */
interface Value {
  readonly value: number;
  readonly unit: string;
  readonly over: boolean;
}

/** One peer's side of a row: its name and value, where the row may add up several metrics. */
interface Side {
  readonly peer: string;
  readonly setup: Comparison['setup'];
  readonly ours: Value;
  readonly theirs: Value;
  readonly better: Comparison['better'];
}

const show = ({ value, unit, over }: Value) => `${over ? 'over ' : ''}${formatNumber(value)} ${unit}`;

/** Two significant digits, as the table has always shown ratios: 0.03×, 0.14×, 2.1×, 12×. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  if (ratio >= 10) return `${Math.round(ratio).toLocaleString('en-US')}×`;
  if (ratio >= 0.1) return `${Number(ratio.toPrecision(2))}×`;
  const fixed = ratio.toFixed(2);
  return `${Number(fixed) === 0 ? Number(ratio.toPrecision(1)) : fixed}×`;
}

function ratioCell(side: Side): string {
  const ratio = formatRatio(side.theirs.value === 0 ? Number.NaN : side.ours.value / side.theirs.value);
  // Ours ÷ a lower bound is an upper bound, and a lower bound of ours ÷ theirs is a lower bound.
  if (side.theirs.over && !side.ours.over) return `under ${ratio}`;
  if (side.ours.over && !side.theirs.over) return `over ${ratio}`;
  return ratio;
}

/** The best side among `sides`: complete figures before lower bounds, then by the metric's direction. */
function best(sides: readonly Side[]): Side | undefined {
  return [...sides].sort((a, b) => {
    if (a.theirs.over !== b.theirs.over) return a.theirs.over ? 1 : -1;
    return a.better === 'lower' ? a.theirs.value - b.theirs.value : b.theirs.value - a.theirs.value;
  })[0];
}

function sectionOf(report: Report, id: string): BenchSection | undefined {
  return report.sections.find((section) => section.id === id);
}

/**
 * The comparisons of one scenario and metric as sides, one per peer; `incomplete(peer)` says whether the
 * peer's figure is a lower bound, `oursIncomplete` whether ours is.
 */
function sidesOf(
  comparisons: readonly Comparison[],
  scenario: string,
  metric: string,
  incomplete: (peer: string) => boolean = () => false,
  oursIncomplete = false,
): Side[] {
  return comparisons
    .filter((comparison) => comparison.scenario === scenario && comparison.metric === metric)
    .map((comparison) => ({
      peer: comparison.peer,
      setup: comparison.setup,
      better: comparison.better,
      ours: { value: comparison.ours, unit: comparison.unit, over: oursIncomplete },
      theirs: { value: comparison.theirs, unit: comparison.unit, over: incomplete(comparison.peer) },
    }));
}

/** Per peer, whether it counted fewer of `metric` (tokens or keys painted) than the most any side did. */
function shortOf(comparisons: readonly Comparison[], scenario: string, metric: string) {
  const counts = comparisons.filter(
    (comparison) => comparison.scenario === scenario && comparison.metric === metric,
  );
  const most = Math.max(...counts.flatMap((comparison) => [comparison.ours, comparison.theirs]));
  return {
    peer: (peer: string) => counts.some((comparison) => comparison.peer === peer && comparison.theirs < most),
    ours: counts.some((comparison) => comparison.ours < most),
  };
}

/** The scenario among `comparisons` that matches `pattern` with the highest CPU throttling (group 1). */
function heaviest(comparisons: readonly Comparison[], pattern: RegExp): string | undefined {
  const scenarios = [...new Set(comparisons.map((comparison) => comparison.scenario))].filter((scenario) =>
    pattern.test(scenario),
  );
  const rate = (scenario: string) => Number(pattern.exec(scenario)?.[1] ?? 0);
  return scenarios.sort((a, b) => rate(b) - rate(a))[0];
}

/** A row against the best tuned peer, and, with `naive`, one against the naive peer too. */
function rowsFor(what: string, sides: readonly Side[], naive?: string): HeadlineRow[] {
  const tuned = best(sides.filter((side) => side.setup !== 'naive'));
  if (tuned === undefined) return [];
  const rows = [
    {
      what: `${what} (${show(tuned.ours)})`,
      peer: `${tuned.peer}: ${show(tuned.theirs)}`,
      ratio: ratioCell(tuned),
    },
  ];
  const naiveSide = sides.find((side) => side.setup === 'naive');
  if (naive !== undefined && naiveSide !== undefined) {
    rows.push({
      what: naive,
      peer: `${naiveSide.peer}: ${show(naiveSide.theirs)}`,
      ratio: ratioCell(naiveSide),
    });
  }
  return rows;
}

function sizeRows(section: BenchSection | undefined): HeadlineRow[] {
  if (section === undefined) return [];
  const rows: [string, string][] = [
    ['hook + transport', '`useVapiChat` + transport, gzip'],
    ['chat window with markdown', '`ChatWindow` with markdown, gzip'],
    ['launcher before first open', 'widget launcher, gzip'],
  ];
  return rows.flatMap(([scenario, what]) =>
    rowsFor(what, sidesOf(section.comparisons, scenario, 'gzip size')),
  );
}

function renderRows(section: BenchSection | undefined): HeadlineRow[] {
  if (section === undefined) return [];
  const { comparisons } = section;
  const kilobytes = /(\d[\d,.]*) KB markdown reply/.exec(section.method)?.[1];
  const messages = /thread of (\d[\d,]*) restored messages/.exec(section.method)?.[1];
  const rows: HeadlineRow[] = [];
  const paced = heaviest(comparisons, /^100 tok\/s, CPU (\d+)×$/);
  if (paced !== undefined) {
    const painted = shortOf(comparisons, paced, 'tokens painted');
    const sides = (metric: string) => sidesOf(comparisons, paced, metric, painted.peer, painted.ours);
    const reply = kilobytes === undefined ? 'a long reply' : `${kilobytes} KB reply`;
    const into = messages === undefined ? '' : ` into ${messages} messages`;
    rows.push(
      ...rowsFor(
        `${reply}${into} at ${paced}: p95 frame`,
        sides('p95 frame time'),
        'same, p95 frame, naive peer',
      ),
      ...rowsFor('same, token-to-paint p95', sides('token-to-paint p95')),
      ...rowsFor('same, scripting + layout time', sumSides(sides('scripting time'), sides('layout time'))),
    );
  }
  const fullSpeed = heaviest(comparisons, /^full speed, CPU (\d+)×$/);
  if (fullSpeed !== undefined) {
    const painted = shortOf(comparisons, fullSpeed, 'tokens painted');
    rows.push(
      ...rowsFor(
        `${fullSpeed}: stream time`,
        sidesOf(comparisons, fullSpeed, 'stream time', painted.peer, painted.ours),
      ),
    );
  }
  return rows;
}

/** Per peer, the sum of two metrics' sides (same peers, same unit). */
function sumSides(first: readonly Side[], second: readonly Side[]): Side[] {
  return first.flatMap((side) => {
    const other = second.find((candidate) => candidate.peer === side.peer);
    if (other === undefined) return [];
    const add = (a: Value, b: Value): Value => ({
      value: Math.round((a.value + b.value) * 10) / 10,
      unit: a.unit,
      over: a.over || b.over,
    });
    return [{ ...side, ours: add(side.ours, other.ours), theirs: add(side.theirs, other.theirs) }];
  });
}

function threadRows(section: BenchSection | undefined): HeadlineRow[] {
  if (section === undefined) return [];
  const scenario = heaviest(section.comparisons, /^[\d,]+ messages, CPU (\d+)×$/);
  if (scenario === undefined) return [];
  const painted = shortOf(section.comparisons, scenario, 'keys painted');
  return rowsFor(
    `${scenario}: keystroke p95 while streaming`,
    sidesOf(section.comparisons, scenario, 'keystroke latency p95', painted.peer, painted.ours),
    'same, keystroke p95, naive peer',
  );
}

function proxyRows(section: BenchSection | undefined): HeadlineRow[] {
  if (section === undefined) return [];
  const metric = 'per-event latency p50 (client read − emulator write)';
  const scenario = section.comparisons.find(
    (comparison) => comparison.metric === metric && comparison.scenario.startsWith('1 stream at a time'),
  )?.scenario;
  if (scenario === undefined) return [];
  const direct = section.figures?.find(
    (figure) => figure.scenario === `${scenario}, direct to the emulator` && figure.metric === metric,
  );
  const sides = sidesOf(section.comparisons, scenario, metric);
  const tuned = best(sides);
  if (tuned === undefined) return [];
  const ours =
    direct === undefined ? show(tuned.ours) : `${show(tuned.ours)}; direct ${formatNumber(direct.value)}`;
  return [
    {
      what: `proxy, latency per event p50 at 1 stream (${ours})`,
      peer: `${tuned.peer}: ${show(tuned.theirs)}`,
      ratio: ratioCell(tuned),
    },
  ];
}

/** The rows of the headline table; a section missing from the report leaves its rows out. */
export function headlineRows(report: Report): HeadlineRow[] {
  return [
    ...sizeRows(sectionOf(report, 'size')),
    ...renderRows(sectionOf(report, 'render')),
    ...threadRows(sectionOf(report, 'thread')),
    ...proxyRows(sectionOf(report, 'proxy')),
  ];
}

/** A Markdown table padded as Prettier pads it, so the README stays formatted. */
function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const cells = [header, ...rows].map((row) => row.map(escape));
  const widths = header.map((_, column) =>
    Math.max(3, ...cells.map((row) => [...(row[column] ?? '')].length)),
  );
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const [head = [], ...body] = cells;
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

/** `text` broken between words into lines of at most `width` characters, as the README's prose is. */
function wrap(text: string, width = 110): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}

/**
 * The headline: a line naming the run (linked at `resultsLink`, relative to the README) and the table.
 */
export function renderHeadline(report: Report, resultsLink: string): string {
  const rows = headlineRows(report);
  const quick = report.quick ? ' a quick run, reduced sizes, not for comparison;' : '';
  return [
    wrap(
      `From [the latest run](${resultsLink}) (${report.machine.cores} cores;${quick} ours ÷ peer, lower is better; ` +
        'the peer is the best measured for each row, set up as its docs recommend):',
    ),
    '',
    markdownTable(
      ['what', 'peer', 'ours ÷ peer'],
      rows.map((row) => [row.what, row.peer, row.ratio]),
    ),
  ].join('\n');
}

/** `readme` with the text between the headline markers replaced by `headline`. */
export function replaceHeadline(readme: string, headline: string): string {
  const start = readme.indexOf(headlineStart);
  const end = readme.indexOf(headlineEnd);
  if (start < 0 || end < start) {
    throw new Error(`the README has no ${headlineStart} … ${headlineEnd} markers`);
  }
  // Blank lines around the headline, as Prettier leaves Markdown beside an HTML comment.
  return `${readme.slice(0, start + headlineStart.length)}\n\n${headline}\n\n${readme.slice(end)}`;
}

/** Rewrites the README's headline from `report`, whose Markdown rendering is at `resultsMarkdown`. */
export async function writeHeadline(
  report: Report,
  resultsMarkdown: string,
  readme = readmePath,
): Promise<void> {
  const link = relative(dirname(readme), resolve(resultsMarkdown)).split('\\').join('/');
  const text = await readFile(readme, 'utf8');
  await writeFile(readme, replaceHeadline(text, renderHeadline(report, link)));
}

/** Whether `report` covers what the headline needs: a full run, not a smoke run. */
export function isFullReport(report: Report): boolean {
  const ids = new Set(report.sections.map((section) => section.id));
  return !report.quick && ['size', 'render', 'thread', 'proxy'].every((id) => ids.has(id));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { print: { type: 'boolean', default: false }, force: { type: 'boolean', default: false } },
  });
  const [file] = positionals;
  if (file === undefined)
    throw new Error('usage: tsx bench/lib/headline.ts <results.json> [--print] [--force]');
  const report = JSON.parse(await readFile(file, 'utf8')) as Report;
  const markdown = file.replace(/\.json$/, '.md');
  if (values.print) {
    const link = relative(dirname(readmePath), resolve(markdown)).split('\\').join('/');
    console.log(renderHeadline(report, link));
    return;
  }
  if (!isFullReport(report) && !values.force) {
    throw new Error(`${file} is a quick or partial run; pass --force to write it into the README anyway`);
  }
  await writeHeadline(report, markdown);
  console.log(`rewrote the headline table in ${relative(process.cwd(), readmePath)} from ${file}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
