/**
 * Runs the benchmarks one after the other (the machine is small; two at once would measure each other),
 * prints each as a table of ratios, and writes the results as JSON and Markdown.
 *
 *   tsx bench/run.ts [--only size,sse] [--quick] [--out bench/results]
 *
 * `--quick` is a smoke run at reduced sizes: it prints, but writes nothing unless `--out` is given.
 * A full run (neither `--only` nor `--quick`) also rewrites the headline table of the repository's README
 * from its results (`lib/headline.ts`).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readmePath, writeHeadline } from './lib/headline.ts';
import { goalsSection } from './lib/goals.ts';
import { describeMachine } from './lib/machine.ts';
import { renderMarkdown, renderTerminal, type Report } from './lib/render-report.ts';
import type { Bench, BenchSection } from './lib/report.ts';

const benches: Record<string, () => Promise<{ default: Bench }>> = {
  size: () => import('./size/index.ts'),
  sse: () => import('./sse/index.ts'),
  proxy: () => import('./proxy/index.ts'),
  render: () => import('./render/index.ts'),
  thread: () => import('./render/thread.ts'),
};

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const ids = values.only === undefined ? Object.keys(benches) : values.only.split(',').map((id) => id.trim());
for (const id of ids) {
  if (!(id in benches))
    throw new Error(`No benchmark "${id}"; there are: ${Object.keys(benches).join(', ')}`);
}

const log = (line: string) => console.log(`  ${line}`);
const startedAt = new Date();
const machine = await describeMachine();
// The peers' versions, as pinned in bench/package.json.
const manifest = JSON.parse(await readFile(new URL('package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};
const peers = Object.fromEntries(
  Object.entries(manifest.dependencies).filter(
    ([name, version]) =>
      !version.startsWith('workspace:') &&
      !name.startsWith('@size-limit') &&
      !['size-limit', 'tinybench', 'esbuild', 'hono', '@hono/node-server'].includes(name),
  ),
);
const sections: BenchSection[] = [];
for (const id of ids) {
  console.log(`\n━━ ${id}`);
  const load = benches[id];
  if (load === undefined) continue;
  const { default: bench } = await load();
  const section = await bench.run({ quick: values.quick, log });
  sections.push(section);
  console.log(renderTerminal(section));
}

const goals = goalsSection(sections);
if (goals !== undefined) {
  sections.push(goals);
  console.log(`\n━━ goals\n${renderTerminal(goals)}`);
}

const out = values.out ?? (values.quick ? undefined : 'bench/results');
if (out !== undefined) {
  const report: Report = { date: startedAt.toISOString(), quick: values.quick, machine, peers, sections };
  const name = `${startedAt.toISOString().slice(0, 10)}${ids.length === Object.keys(benches).length ? '' : `-${ids.join('-')}`}`;
  await mkdir(resolve(out), { recursive: true });
  await writeFile(join(out, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(out, `${name}.md`), renderMarkdown(report));
  console.log(`\nwrote ${join(out, `${name}.json`)} and ${name}.md`);
  if (values.only === undefined && !values.quick) {
    await writeHeadline(report, join(out, `${name}.md`));
    console.log(`rewrote the headline table in ${relative(process.cwd(), readmePath)}`);
  }
}
