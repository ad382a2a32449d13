import { realpathSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { cliUsage, parseCliArguments } from './cli-arguments';
import { createEmulator, type Emulator } from './create-emulator';
import type { EmulatorOptions } from './emulator-options';

/** A running emulator server. */
export interface EmulatorServer {
  /** `http://HOST:PORT`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  readonly emulator: Emulator;
  /** Stops listening and drops open connections (streams included). */
  close(): Promise<void>;
}

/**
 * Starts the emulator on a real Node HTTP server, as the CLI does. Port 0 picks a free port.
 * `@hono/node-server` is used only here, so the app factory stays runtime-neutral.
 *
 * @example
 * const server = await serveEmulator({ port: 0, host: '127.0.0.1', testMode: true });
 * await fetch(`${server.url}/chat`, …);
 * await server.close();
 */
export function serveEmulator(
  settings: { readonly port: number; readonly host: string } & EmulatorOptions,
): Promise<EmulatorServer> {
  const { port, host, ...options } = settings;
  const emulator = createEmulator(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: emulator.app.fetch, port, hostname: host }, (info: AddressInfo) => {
      const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        emulator,
        close: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}

/**
 * The `vapi-chat-emulator` command: starts the server, prints `Listening on http://HOST:PORT` as its
 * first line, then the keys and assistants it accepts; stops on SIGINT/SIGTERM.
 *
 * @example
 * await runCli(['--port', '0', '--test-mode']);
 */
export async function runCli(argv: readonly string[]): Promise<EmulatorServer | undefined> {
  const args = parseCliArguments(argv);
  if (args.help) {
    console.log(cliUsage);
    return undefined;
  }
  const server = await serveEmulator({ port: args.port, host: args.host, ...args.options });
  const { options } = server.emulator;
  console.log(`Listening on ${server.url}`);
  console.log(`Private keys: ${options.privateKeys.join(', ')}`);
  console.log(`Public keys: ${options.publicKeys.map((entry) => entry.key).join(', ')}`);
  console.log(
    `Assistant ids: ${options.assistants.map((assistant) => `${assistant.id} (${assistant.name})`).join(', ')}`,
  );
  console.log(
    `Test mode: ${options.testMode ? 'on (x-emulator-fault and x-emulator-variant honoured)' : 'off'}`,
  );
  if (options.variants.length > 0) console.log(`Variants: ${options.variants.join(', ')}`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

// Run when executed directly (`tsx src/cli.ts`); the bin launcher calls `runCli` itself.
const entry = process.argv[1];
if (entry !== undefined && realpathSync(entry) === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
