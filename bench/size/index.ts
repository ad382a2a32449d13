import { access, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import esbuildPlugin from '@size-limit/esbuild';
import filePlugin from '@size-limit/file';
import sizeLimit from 'size-limit';
import type { Bench, Comparison, Figure } from '../lib/report.ts';
import { initialChunk } from './initial-chunk.mjs';

/**
 * Bundle sizes, gzip, React external: our entry sets beside the libraries a user would pick instead,
 * all measured by size-limit in one run. Our sets and budgets are read from `bench/size/checks.json` (through `bench/.size-limit.mjs`),
 * the file the test command checks with size-limit's CLI, so the budget and this table measure the same.
 */

/** One check of `size/checks.json`, the options this bench uses. */
interface Check {
  readonly name: string;
  readonly path: string;
  readonly ignore?: readonly string[];
  readonly gzip?: boolean;
  readonly limit?: string;
  readonly disablePlugins?: readonly string[];
}

/** What size-limit leaves on a check it ran: the size, and the esbuild metafile for bundled checks. */
interface MeasuredCheck {
  size?: number;
  esbuildMetafile?: { readonly outputs: Record<string, { readonly inputs: Record<string, Input> }> };
}

/** A check as size-limit's API takes it: as its CLI leaves it, files resolved. */
interface RunningCheck extends Check, MeasuredCheck {
  readonly files: readonly string[];
}

interface Input {
  readonly bytesInOutput: number;
}

const benchFolder = resolve(import.meta.dirname, '..');
const configFile = join(benchFolder, 'size/checks.json');
const reactExternal = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'];
const fileOnly = ['@size-limit/esbuild'];

// Peers' checks are built exactly as ours: the same plugins, the same externals, gzip.
const bundled = (name: string, path: string): Check => ({ name, path, ignore: reactExternal, gzip: true });
// Every bundled check, ours and the peers', is measured as the page's initial chunk (size/initial-chunk.mjs).
const asRun = (check: Check): Check => initialChunk(check);
const shipped = (name: string, path: string): Check => ({ name, path, gzip: true, disablePlugins: fileOnly });

const vapiScriptTag = shipped(
  '@vapi-ai/client-sdk-react dist/embed/widget.umd.js',
  'node_modules/@vapi-ai/client-sdk-react/dist/embed/widget.umd.js',
);

/**
 * Each peer beside the scenario of ours it is compared with. The entry sets are the smallest a user
 * needs for the same job; the comments in `size/entries/*.ts` say why each is a fair match.
 */
const peers = [
  {
    scenario: 'hook + transport',
    check: bundled(
      '@ai-sdk/react useChat + ai DefaultChatTransport',
      'size/entries/ai-sdk-hook-transport.ts',
    ),
  },
  {
    scenario: 'hook + transport',
    check: bundled('@vapi-ai/client-sdk-react useVapiChat', 'size/entries/vapi-sdk-hook.ts'),
  },
  {
    scenario: 'chat window with markdown',
    check: bundled(
      '@ai-sdk/react useChat + DefaultChatTransport + react-markdown + remark-gfm',
      'size/entries/ai-sdk-chat-window.ts',
    ),
  },
  {
    scenario: 'chat window with markdown',
    check: bundled(
      '@assistant-ui/react runtime + Thread/Message/Composer primitives + react-markdown + remark-gfm',
      'size/entries/assistant-ui-chat-window.ts',
    ),
  },
  {
    scenario: 'chat window with markdown',
    check: bundled('@vapi-ai/client-sdk-react VapiWidget', 'size/entries/vapi-sdk-widget.ts'),
  },
  {
    // Vapi's script-tag bundle loads everything, React included, before the page can open it.
    scenario: 'launcher before first open',
    check: vapiScriptTag,
  },
  {
    scenario: 'script-tag widget, opened (launcher + panel, React bundled)',
    check: vapiScriptTag,
  },
] as const;

const budgeted = ['hook + transport', 'chat window with markdown', 'launcher before first open'] as const;
const informational = ['hook + transport + persistence', 'widget panel chunk', 'ui styles.css'] as const;

const kilobytes = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;

/** Bytes of a size-limit limit such as `8 KiB`: B, kB (1000) and KiB (1024), as its CLI parses them. */
function bytesOf(limit: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(B|kB|KiB)$/.exec(limit.trim());
  const units: Record<string, number> = { B: 1, kB: 1000, KiB: 1024 };
  if (match?.[1] === undefined || match[2] === undefined) throw new Error(`Cannot read the limit "${limit}"`);
  return Number(match[1]) * (units[match[2]] ?? Number.NaN);
}

/** The files a check's path names; `*` is allowed in the file name (the panel chunk has a hash). */
async function filesOf(path: string): Promise<string[]> {
  const absolute = resolve(benchFolder, path);
  const folder = dirname(absolute);
  const name = basename(absolute);
  if (folder.includes('*')) throw new Error(`Only the file name may hold a "*": ${path}`);
  const files = name.includes('*')
    ? (await readdir(folder))
        .filter((file) => new RegExp(`^${name.split('*').map(escapeRegExp).join('[^/]*')}$`).test(file))
        .map((file) => join(folder, file))
    : [absolute];
  const found = await Promise.all(
    files.map((file) =>
      access(file).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (files.length === 0 || found.includes(false)) {
    throw new Error(`${path} names no built file: build the packages first (pnpm run build)`);
  }
  return files;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Our checks by name, from the config the test command enforces. */
async function readConfig(): Promise<Map<string, Check>> {
  const checks = JSON.parse(await readFile(configFile, 'utf8')) as Check[];
  const byName = new Map(checks.map((check) => [check.name, check]));
  for (const name of [...budgeted, ...informational]) {
    const check = byName.get(name);
    if (check === undefined) throw new Error(`size/checks.json has no check named "${name}"`);
    if (check.gzip !== true) throw new Error(`size/checks.json: "${name}" must measure gzip`);
    // A bundled check of ours must keep React external exactly as the peers' checks do.
    if (check.disablePlugins === undefined && check.ignore?.join() !== reactExternal.join()) {
      throw new Error(`size/checks.json: "${name}" must ignore exactly ${reactExternal.join(', ')}`);
    }
  }
  return byName;
}

/** Each package's share of a bundle's minified bytes (before gzip), largest first. */
function sharesOf(check: MeasuredCheck): string {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(check.esbuildMetafile?.outputs ?? {})) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const ours = /(?:^|\/)packages\/([^/]+)\//.exec(path);
      const theirs = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
      const owner = theirs?.[1] ?? (ours?.[1] === undefined ? 'entry' : `@vapi-chat-kit/${ours[1]}`);
      byPackage.set(owner, (byPackage.get(owner) ?? 0) + input.bytesInOutput);
    }
  }
  const total = [...byPackage.values()].reduce((sum, bytes) => sum + bytes, 0);
  return [...byPackage]
    .filter(([, bytes]) => bytes / total >= 0.01)
    .sort(([, a], [, b]) => b - a)
    .map(([owner, bytes]) => `${owner} ${Math.round((bytes / total) * 100)}%`)
    .join(', ');
}

const bench: Bench = {
  id: 'size',
  // Sizes do not vary with run length, so `quick` changes nothing.
  async run({ log }) {
    const config = await readConfig();
    const ourChecks = [...config.values()];
    const allChecks = [...new Set<Check>([...ourChecks, ...peers.map((peer) => peer.check)])];
    // size-limit writes each result (size, esbuild metafile) onto the check it is given.
    const running = await Promise.all(
      allChecks.map(async (check): Promise<RunningCheck> => ({
        ...asRun(check),
        files: await filesOf(check.path),
      })),
    );
    // size-limit's types call plugins functions; they are lists of step objects (see size-limit-plugins.d.ts).
    const plugins = [esbuildPlugin, filePlugin] as unknown as Parameters<typeof sizeLimit>[0];
    await sizeLimit(plugins, { checks: running });

    const measured = new Map<Check, MeasuredCheck>(allChecks.map((check, index) => [check, running[index]!]));
    const sizeOf = (check: Check) => {
      const size = measured.get(check)?.size;
      if (size === undefined) throw new Error(`size-limit measured nothing for "${check.name}"`);
      return size;
    };
    const ours = (name: string) => sizeOf(config.get(name)!);
    for (const check of allChecks) log(`${check.name}: ${kilobytes(sizeOf(check)).toFixed(2)} KB`);

    const oursByScenario: Record<(typeof peers)[number]['scenario'], number> = {
      'hook + transport': ours('hook + transport'),
      'chat window with markdown': ours('chat window with markdown'),
      'launcher before first open': ours('launcher before first open'),
      'script-tag widget, opened (launcher + panel, React bundled)':
        ours('launcher before first open') + ours('widget panel chunk'),
    };
    const comparisons: Comparison[] = peers.map(({ scenario, check }) => ({
      scenario,
      metric: 'gzip size',
      unit: 'KB',
      better: 'lower',
      ours: kilobytes(oursByScenario[scenario]),
      peer: check.name,
      theirs: kilobytes(sizeOf(check)),
    }));

    const figures: Figure[] = [
      ...budgeted.map((name) => ({
        scenario: `ours: ${name}`,
        metric: 'gzip size',
        unit: 'KB',
        value: kilobytes(ours(name)),
        budget: kilobytes(bytesOf(config.get(name)!.limit ?? 'NaN B')),
      })),
      ...informational.map((name) => ({
        scenario: `ours: ${name}`,
        metric: 'gzip size',
        unit: 'KB',
        value: kilobytes(ours(name)),
      })),
    ];

    const over = figures.filter((figure) => figure.budget !== undefined && figure.value > figure.budget);
    const shares = (name: string) => sharesOf(measured.get(config.get(name)!)!);
    return {
      id: 'size',
      title: 'Bundle size',
      method:
        'size-limit 12 with its esbuild and file plugins, every set in one run. Each bundled set is an entry file that imports the named exports and references them (what size-limit’s `import` option generates), bundled for the browser by esbuild with code splitting, its initial chunk measured (what an app loads with `import()` is left out, for ours and the peers alike): minified, tree-shaken, NODE_ENV production, with react, react-dom, react/jsx-runtime and react-dom/client external; then gzip level 9, less size-limit’s empty-bundle overhead. Script-tag files (our widget launcher and panel chunk, Vapi’s widget.umd.js) and styles.css are gzipped as they ship. 1 KB = 1024 bytes, as the widget build reports. Our sets and budgets are `bench/size/checks.json` (through `bench/.size-limit.mjs`), which the test command checks.',
      comparisons,
      figures,
      notes: [
        ...over.map(
          (figure) => `Over budget: ${figure.scenario} is ${figure.value} KB, budget ${figure.budget} KB.`,
        ),
        `What our bundles hold (share of minified bytes, before gzip): hook + transport: ${shares('hook + transport')}; chat window with markdown: ${shares('chat window with markdown')}.`,
        'assistant-ui is measured without the model adapter a user writes for useLocalRuntime (the fetch and stream parsing our proxyTransport includes), and with react-markdown + remark-gfm standing in for its markdown package, which wraps them.',
        'VapiWidget and widget.umd.js include voice calls (@vapi-ai/web); they are what Vapi offers a user who wants a ready-made chat, so they are compared as such. Our script-tag launcher holds no React; the panel chunk (React included) loads on first open.',
      ],
    };
  },
};

export default bench;

// `tsx bench/size/index.ts` prints this section alone.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await bench.run({ quick: true, log: console.log }), null, 2));
}
