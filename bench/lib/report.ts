/**
 * The shape every benchmark returns, so one runner can print and store them side by side.
 * A comparison is one figure of ours beside the same figure of a named peer, measured in the same run.
 */
export interface Comparison {
  /** What was run, e.g. `20 KB reply at 100 tok/s, CPU 4×`. */
  readonly scenario: string;
  /** What was measured, e.g. `p95 frame time`. */
  readonly metric: string;
  /** `ms`, `KB`, `MB/s`, `count`, … */
  readonly unit: string;
  /** Which way is better for this metric. */
  readonly better: 'lower' | 'higher';
  readonly ours: number;
  /**
   * The peer, by package and entry, with its configuration where that matters, e.g.
   * `@ai-sdk/react useChat (throttle 50) + memoised react-markdown blocks`.
   */
  readonly peer: string;
  readonly theirs: number;
  /**
   * How the peer is set up, where a section measures more than one setup: `tuned` as its own docs
   * recommend for speed, `naive` as a first integration writes it (a labelled extra, never the one to
   * beat). Absent where each peer has one setup (sizes, proxy, SSE).
   */
  readonly setup?: PeerSetup;
}

/** See {@link Comparison.setup}. */
export type PeerSetup = 'tuned' | 'naive';

/** A figure with no peer to set it beside (a budget, or a count of our own). */
export interface Figure {
  readonly scenario: string;
  readonly metric: string;
  readonly unit: string;
  readonly value: number;
  /** The limit it must stay within, where there is one. */
  readonly budget?: number;
}

export interface BenchSection {
  /** Short id, also the `--only` name: `size`, `render`, `thread`, `proxy`, `sse`. */
  readonly id: string;
  readonly title: string;
  /** How it was measured, in a sentence or two (printed under the table). */
  readonly method: string;
  readonly comparisons: readonly Comparison[];
  readonly figures?: readonly Figure[];
  /** Where we fall behind a peer, the cause; anything a reader must know to trust the figures. */
  readonly notes: readonly string[];
}

/** What every benchmark module exports as its default. */
export interface Bench {
  readonly id: string;
  /** `quick` runs a reduced size, for smoke checks while developing; results are not to be committed. */
  run(options: { readonly quick: boolean; readonly log: (line: string) => void }): Promise<BenchSection>;
}

/** One peer's measurements of a scenario, named for the report. */
export interface PeerResult<T> {
  readonly peer: string;
  readonly setup?: PeerSetup;
  readonly result: T;
}

/**
 * Builds the rows of one scenario from our measurements and each peer's: `row(metric, unit, pick)` picks
 * the same figure from ours and from every peer, rounded to 0.1, and returns one comparison per peer, in
 * the peers' order; lower is better unless `better` says otherwise.
 */
export function rowsOf<T>(
  scenario: string,
  ours: T,
  peers: readonly PeerResult<T>[],
): (
  metric: string,
  unit: string,
  pick: (result: T) => number,
  better?: Comparison['better'],
) => Comparison[] {
  const round = (value: number) => Math.round(value * 10) / 10;
  return (metric, unit, pick, better = 'lower') =>
    peers.map(({ peer, setup, result }) => ({
      scenario,
      metric,
      unit,
      better,
      ours: round(pick(ours)),
      peer,
      theirs: round(pick(result)),
      ...(setup === undefined ? {} : { setup }),
    }));
}

/** ours ÷ theirs: below 1 means less of the metric than the peer. */
export function ratioOf(comparison: Comparison): number {
  return comparison.theirs === 0 ? Number.NaN : comparison.ours / comparison.theirs;
}

/** Whether ours is at least as good as the peer, by the metric's direction. */
export function isAhead(comparison: Comparison): boolean {
  return comparison.better === 'lower'
    ? comparison.ours <= comparison.theirs
    : comparison.ours >= comparison.theirs;
}

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
