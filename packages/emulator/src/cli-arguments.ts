import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './emulator-options';
import { emulatorVariants, parseVariantList } from './variants/emulator-variants';

/** What the CLI was asked for. */
export interface CliArguments {
  readonly port: number;
  readonly host: string;
  readonly help: boolean;
  readonly options: EmulatorOptions;
}

/** The CLI's default port when `--port` is not given. */
export const defaultCliPort = 8790;

/** The CLI's default delay per delta, so a human sees the reply being written. */
export const defaultCliDeltaDelayMs = 15;

/** `--help` text. */
export const cliUsage = `Usage: vapi-chat-emulator [options]

  --port <n>           port to listen on; 0 picks a free port (default ${defaultCliPort})
  --host <address>     address to bind (default 127.0.0.1)
  --test-mode          honour the x-emulator-fault request header
  --delay <ms>         delay before each streamed delta (default ${defaultCliDeltaDelayMs})
  --faults <list>      faults for every request, e.g. "done-marker, split=1"
  --private-key <key>  accept this private key (repeatable; replaces the default)
  --public-key <key>   accept this public key (repeatable; replaces the default)
  --variant <name>     answer as Vapi might where it is unknown (repeatable; see below)
  --options <json>     any other createEmulator option as JSON, e.g. '{"successStatus":200}'
  --help               show this text

Variants (reference §15):
${emulatorVariants.map((variant) => `  ${variant.name.padEnd(26)} ${variant.behaviour}`).join('\n')}`;

/**
 * Parses the CLI's arguments into emulator options.
 *
 * @example
 * parseCliArguments(['--port', '0', '--test-mode']).port; // 0
 */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  // `pnpm start -- --port 0` passes the `--` through; it separates nothing here.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'test-mode': { type: 'boolean' },
      delay: { type: 'string' },
      faults: { type: 'string' },
      'private-key': { type: 'string', multiple: true },
      'public-key': { type: 'string', multiple: true },
      variant: { type: 'string', multiple: true },
      options: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? defaultCliPort : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  const deltaDelayMs = values.delay === undefined ? defaultCliDeltaDelayMs : Number(values.delay);
  if (!Number.isFinite(deltaDelayMs) || deltaDelayMs < 0) throw new Error(`--delay must be a number of ms`);
  const extra = values.options === undefined ? {} : (JSON.parse(values.options) as EmulatorOptions);
  const { names, unknown } = parseVariantList((values.variant ?? []).join(','));
  if (unknown.length > 0) throw new Error(`--variant: unknown variant ${unknown.join(', ')} (see --help)`);
  return {
    port,
    host: values.host ?? '127.0.0.1',
    help: values.help ?? false,
    options: {
      ...extra,
      deltaDelayMs,
      ...(values['test-mode'] === true ? { testMode: true } : {}),
      ...(values.faults === undefined ? {} : { faults: values.faults }),
      ...(values['private-key'] === undefined ? {} : { privateKeys: values['private-key'] }),
      ...(values['public-key'] === undefined ? {} : { publicKeys: values['public-key'] }),
      ...(names.length === 0 ? {} : { variants: [...(extra.variants ?? []), ...names] }),
    },
  };
}
