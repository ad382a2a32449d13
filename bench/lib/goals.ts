/**
 * The performance goals the kit holds itself to, read from a run's own sections: each goal is a figure
 * with its budget, so the report says whether it is met and, where it is not, by how much. Ratios are
 * against the best tuned peer of the same run (never the naive setup). Computed, never measured again.
 */
import type { BenchSection, Comparison, Figure } from './report.ts';

interface Lookup {
  readonly section: string;
  readonly scenario: (scenario: string) => boolean;
  readonly metric: (metric: string) => boolean;
}

const starts = (prefix: string) => (value: string) => value.startsWith(prefix);
const is = (expected: string) => (value: string) => value === expected;

function comparisons(sections: readonly BenchSection[], lookup: Lookup): Comparison[] {
  return (sections.find((section) => section.id === lookup.section)?.comparisons ?? []).filter(
    (comparison) => lookup.scenario(comparison.scenario) && lookup.metric(comparison.metric),
  );
}

/** Ours, and the best (lowest) figure of a tuned peer, or of the only peer where a section has one setup. */
function oursAndBest(
  sections: readonly BenchSection[],
  lookup: Lookup,
): { ours: number; best: number; peer: string } | undefined {
  const found = comparisons(sections, lookup).filter((comparison) => comparison.setup !== 'naive');
  const first = found[0];
  if (first === undefined) return undefined;
  const best = found.reduce((lowest, comparison) =>
    comparison.theirs < lowest.theirs ? comparison : lowest,
  );
  return { ours: first.ours, best: best.theirs, peer: best.peer };
}

/** The goals of the issue "Performance against the best-tuned peers", as figures with budgets. */
export function goalFigures(sections: readonly BenchSection[]): Figure[] {
  const figures: Figure[] = [];
  const goal = (
    scenario: string,
    metric: string,
    unit: string,
    value: number | undefined,
    budget: number,
  ) => {
    if (value !== undefined && Number.isFinite(value))
      figures.push({ scenario, metric, unit, value, budget });
  };
  const render = (scenario: string, metric: string): Lookup => ({
    section: 'render',
    scenario: is(scenario),
    metric: is(metric),
  });

  for (const cpu of [1, 4]) {
    const scenario = `100 tok/s, CPU ${cpu}×`;
    const script = oursAndBest(sections, render(scenario, 'scripting time'));
    const layout = oursAndBest(sections, render(scenario, 'layout time'));
    if (script && layout) {
      // The best tuned peer by its own scripting + layout, not by each metric apart.
      const peers = comparisons(sections, render(scenario, 'scripting time')).filter(
        (c) => c.setup !== 'naive',
      );
      const layoutOf = (peer: string) =>
        comparisons(sections, render(scenario, 'layout time')).find((c) => c.peer === peer)?.theirs ??
        Infinity;
      const bestTotal = Math.min(...peers.map((peer) => peer.theirs + layoutOf(peer.peer)));
      goal(
        scenario,
        'scripting + layout, ours ÷ best tuned peer',
        '×',
        (script.ours + layout.ours) / bestTotal,
        0.5,
      );
      goal(scenario, 'layout, ours ÷ best tuned peer', '×', layout.ours / layout.best, 1);
    }
    const paint = comparisons(sections, render(scenario, 'token-to-paint p95'))[0]?.ours;
    goal(scenario, 'token-to-paint p95', 'ms', paint, cpu === 1 ? 16.7 : 50);
    if (cpu === 4)
      goal(
        scenario,
        'long tasks > 50 ms',
        'count',
        comparisons(sections, render(scenario, 'long tasks > 50 ms'))[0]?.ours,
        0,
      );
  }
  const stream1 = comparisons(sections, render('full speed, CPU 1×', 'stream time'))[0]?.ours;
  const stream4 = comparisons(sections, render('full speed, CPU 4×', 'stream time'))[0]?.ours;
  if (stream1 !== undefined && stream4 !== undefined) {
    goal('full speed', 'stream time at CPU 4× ÷ at CPU 1×', '×', stream4 / stream1, 1.5);
  }

  for (const [cpu, firstPaint, keystroke] of [
    [1, 250, 16],
    [4, 800, 40],
  ] as const) {
    const thread = (metric: string): Lookup => ({
      section: 'thread',
      scenario: (scenario) => scenario.endsWith(`CPU ${cpu}×`),
      metric: is(metric),
    });
    const scenario = comparisons(sections, thread('initial render'))[0]?.scenario ?? `thread, CPU ${cpu}×`;
    goal(
      scenario,
      'initial render',
      'ms',
      comparisons(sections, thread('initial render'))[0]?.ours,
      firstPaint,
    );
    goal(
      scenario,
      'keystroke latency p95',
      'ms',
      comparisons(sections, thread('keystroke latency p95'))[0]?.ours,
      keystroke,
    );
  }

  const proxy = (scenario: string, metric: string): Lookup => ({
    section: 'proxy',
    scenario: starts(scenario),
    metric: starts(metric),
  });
  const ratio = (lookup: Lookup) => {
    const found = oursAndBest(sections, lookup);
    return found === undefined ? undefined : found.ours / found.best;
  };
  goal(
    'proxy, 1 stream',
    'per-event latency p50, ours ÷ nginx',
    '×',
    ratio(proxy('1 stream', 'per-event latency p50')),
    1.3,
  );
  goal(
    'proxy, 1 stream',
    'per-event latency p99, ours ÷ nginx',
    '×',
    ratio(proxy('1 stream', 'per-event latency p99')),
    2,
  );
  goal('proxy, 1 stream', 'CPU per delta, ours ÷ nginx', '×', ratio(proxy('1 stream', 'CPU per delta')), 3);
  goal(
    'proxy, 500 streams',
    'CPU per delta, ours ÷ nginx',
    '×',
    ratio(proxy('500 concurrent', 'CPU per delta')),
    3,
  );
  goal(
    'proxy, 500 streams',
    'time to first delta p50, ours ÷ nginx',
    '×',
    ratio(proxy('500 concurrent', 'time to first delta p50')),
    2,
  );
  const rss = comparisons(sections, { section: 'proxy', scenario: () => true, metric: starts('RSS') })[0];
  goal(rss?.scenario ?? 'proxy', 'idle RSS of the proxy', 'MB', rss?.ours, 80);
  return figures;
}

/** The goals as a report section, with a note for each one missed (by how much). */
export function goalsSection(sections: readonly BenchSection[]): BenchSection | undefined {
  const figures = goalFigures(sections);
  if (figures.length === 0) return undefined;
  const missed = figures.filter((figure) => figure.budget !== undefined && figure.value > figure.budget);
  return {
    id: 'goals',
    title: 'Goals',
    method:
      'The goals of the kit against the best-tuned peers, computed from the sections above (the same run): ratios ' +
      'are ours ÷ the best tuned peer of that scenario (never the naive useChat), times are ours. Paint time is not ' +
      'separate in CDP Performance.getMetrics, so "scripting + layout" stands for the render work per reply.',
    comparisons: [],
    figures,
    notes: missed.map(
      (figure) =>
        `Missed: ${figure.scenario}, ${figure.metric}: ${round(figure.value)} ${figure.unit} against ≤ ${figure.budget} ` +
        `(${figure.budget === 0 ? `${round(figure.value)} over` : `${round(figure.value / (figure.budget ?? 1))}× the goal`}); the section's notes say why.`,
    ),
  };
}

const round = (value: number) => Number(value.toPrecision(3));
