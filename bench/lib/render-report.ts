import type { Machine } from './machine.ts';
import { isAhead, ratioOf, type BenchSection, type Comparison, type Figure } from './report.ts';

export interface Report {
  readonly date: string;
  readonly quick: boolean;
  readonly machine: Machine;
  readonly peers: Readonly<Record<string, string>>;
  readonly sections: readonly BenchSection[];
}

/** Three significant digits, no exponent: 0.0123, 1.23, 12.3, 1234. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Math.round(value).toLocaleString('en-US');
  if (magnitude === 0) return '0';
  return value.toPrecision(3).replace(/\.?0+$/, '');
}

function verdict(comparison: Comparison): string {
  const ratio = ratioOf(comparison);
  if (!Number.isFinite(ratio)) return comparison.ours === comparison.theirs ? 'even' : '—';
  return isAhead(comparison) ? 'ahead' : 'behind';
}

function comparisonRows(section: BenchSection): string[][] {
  return section.comparisons.map((comparison) => [
    comparison.scenario,
    comparison.metric,
    `${formatNumber(comparison.ours)} ${comparison.unit}`,
    `${formatNumber(comparison.theirs)} ${comparison.unit}`,
    comparison.peer,
    `${formatNumber(ratioOf(comparison))}×`,
    verdict(comparison),
  ]);
}

function figureRows(figures: readonly Figure[]): string[][] {
  return figures.map((figure) => [
    figure.scenario,
    figure.metric,
    `${formatNumber(figure.value)} ${figure.unit}`,
    figure.budget === undefined ? '' : `≤ ${formatNumber(figure.budget)} ${figure.unit}`,
    figure.budget === undefined ? '' : figure.value <= figure.budget ? 'within' : 'OVER',
  ]);
}

const comparisonHeader = ['scenario', 'metric', 'ours', 'peer', 'peer is', 'ours ÷ peer', ''];
const figureHeader = ['scenario', 'metric', 'value', 'budget', ''];

function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

function terminalTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
}

export function renderTerminal(section: BenchSection): string {
  const parts = [`${section.title}`];
  if (section.comparisons.length > 0) parts.push(terminalTable(comparisonHeader, comparisonRows(section)));
  if (section.figures !== undefined && section.figures.length > 0) {
    parts.push(terminalTable(figureHeader, figureRows(section.figures)));
  }
  for (const note of section.notes) parts.push(`note: ${note}`);
  return parts.join('\n\n');
}

export function renderMarkdown(report: Report): string {
  const { machine } = report;
  const lines = [
    `# Benchmarks, ${report.date.slice(0, 10)}${report.quick ? ' (quick run: reduced sizes, not for comparison)' : ''}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}. Node ${machine.node}` +
      `${machine.chromium === undefined ? '' : `, ${machine.chromium}`}` +
      `${machine.nginx === undefined ? '' : `, ${machine.nginx}`}` +
      `${machine.commit === undefined ? '' : `. Commit ${machine.commit}`}.`,
    '',
    `Peers: ${Object.entries(report.peers)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}.`,
    '',
    'Each figure of ours is set beside a named peer measured in the same run. **ours ÷ peer** below 1 means less of the metric; the last column says whether that is better (`ahead`) or worse (`behind`) for that metric.',
  ];
  for (const section of report.sections) {
    lines.push('', `## ${section.title}`, '', section.method);
    if (section.comparisons.length > 0)
      lines.push('', markdownTable(comparisonHeader, comparisonRows(section)));
    if (section.figures !== undefined && section.figures.length > 0) {
      lines.push('', markdownTable(figureHeader, figureRows(section.figures)));
    }
    if (section.notes.length > 0) lines.push('', ...section.notes.map((note) => `- ${note}`));
  }
  return `${lines.join('\n')}\n`;
}
