import { realpathSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { cliUsage, parseCliConfig, type CliConfig } from './cli/cli-config';
import { batchedJsonLineLog } from './cli/batched-log';
import { directEventStreams } from './cli/direct-event-streams';
import { exportConversations, exportUsage, parseExportConfig } from './cli/export-command';
import { createNodeFetch } from './cli/node-fetch';
import { createProxy, whenTurnsFinished } from './create-proxy';
import { errorText } from './http/error-body';
import { jsonLineLogger, type ProxyLogger } from './logging/logger';
import { defaultLimits, type UpstreamOptions, type WidgetKeyConfig } from './proxy-options';
import { signVisitorToken, type VisitorClaims } from './visitor/visitor-token';
import type { ConversationStore } from './store/conversation-store';
import { openStore } from './store/open-store';

/** A running proxy server. */
export interface ProxyServer {
  /** `http://HOST:PORT`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  /** What the CLI prints after the `Listening on` line: upstream, widget key, store. */
  readonly notes: readonly string[];
  /**
   * Stops accepting connections, lets open replies finish for up to `graceMs` (then drops them, which
   * stores them as `stopped`), waits for every turn to be stored, and closes the store.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Starts the proxy on a Node HTTP server from a {@link CliConfig}. Without a Vapi key the Vapi emulator runs
 * in this process as the upstream (imported here only, so the app factory never depends on it).
 * `@hono/node-server` is used only in this file, so `createProxy` stays runtime-neutral.
 *
 * @example
 * const server = await startProxyServer({ ...config, port: 0 });
 * await server.close();
 */
export async function startProxyServer(
  config: CliConfig,
  logger: ProxyLogger = jsonLineLogger,
): Promise<ProxyServer> {
  const notes: string[] = [];
  let upstream: UpstreamOptions;
  if (config.vapi) {
    upstream = {
      ...config.vapi,
      fetch: createNodeFetch(),
      chain: config.chain,
      variableValues: config.variableValues,
    };
    notes.push(
      `Upstream: Vapi at ${config.vapi.baseUrl ?? 'https://api.vapi.ai'}, assistant ${config.vapi.assistantId}`,
    );
  } else {
    const { createEmulator, defaultAssistantId, defaultPrivateKey } = await import('@vapi-chat-kit/emulator');
    const emulator = createEmulator({ deltaDelayMs: 15 });
    upstream = {
      apiKey: defaultPrivateKey,
      assistantId: defaultAssistantId,
      baseUrl: 'http://emulator.invalid',
      fetch: (input: RequestInfo | URL, init?: RequestInit) => emulator.fetch(new Request(input, init)),
      chain: config.chain,
      variableValues: config.variableValues,
    };
    notes.push('Upstream: the Vapi emulator, in this process (VAPI_API_KEY is not set; set it to use Vapi)');
  }
  if (config.demoKey) {
    notes.push(
      `Widget key: ${config.widgetKeys[0]!.key} (demo; origins ${config.widgetKeys[0]!.allowedOrigins.join(' ')})`,
    );
  } else {
    notes.push(`Widget keys: ${config.widgetKeys.length}`);
  }
  notes.push(`Store: ${describeStore(config.storeUrl)}`);

  let store: ConversationStore;
  try {
    store = await openStore(config.storeUrl, { retentionSeconds: config.retentionSeconds });
  } catch (cause) {
    throw new Error(
      `CHAT_STORE_URL: could not open the store (${cause instanceof Error ? cause.message : String(cause)})`,
      { cause },
    );
  }
  // Housekeeping now and every hour: expired idempotency records and locks, and idle conversations.
  const sweep = () => {
    store.sweep().then(
      (removed) => {
        if (removed > 0) logger({ level: 'info', event: 'sweep', conversationsRemoved: removed });
      },
      (error: unknown) =>
        logger({
          level: 'warn',
          event: 'sweep-failed',
          error: error instanceof Error ? error.name : 'unknown',
        }),
    );
  };
  sweep();
  const sweeper = setInterval(sweep, 60 * 60 * 1000);
  sweeper.unref();

  const app = createProxy({
    upstream,
    widgetKeys: config.widgetKeys,
    store,
    limits: config.limits,
    trustedProxies: config.trustedProxies,
    basePath: config.basePath,
    logger,
    logMessageText: config.logMessageText,
  });
  const demoSecret = config.demoVisitors ? config.widgetKeys[0]?.visitors?.secret : undefined;
  if (demoSecret !== undefined) {
    mountDemoVisitorTokens(app, config.basePath, demoSecret, config.widgetKeys[0]!);
    notes.push(
      `Visitors: demo tokens at ${config.basePath}/demo/visitor-token?visitor=alice (emulator only)`,
    );
  }

  const bodyTimeoutMs = config.limits?.bodyTimeoutMs ?? defaultLimits.bodyTimeoutMs;
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: directEventStreams(app.fetch),
        port: config.port,
        hostname: config.host,
        serverOptions: {
          // The request line and headers must arrive within the body's deadline too, the whole request (the
          // app's own body deadline first) soon after; checked every second rather than Node's default 30.
          headersTimeout: bodyTimeoutMs,
          requestTimeout: 2 * bodyTimeoutMs + 5_000,
          connectionsCheckingInterval: 1_000,
        },
      },
      (info: AddressInfo) => {
        const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${shownHost}:${info.port}`,
          port: info.port,
          notes,
          close: async (graceMs = 0) => {
            const closed = new Promise<void>((done) => server.close(() => done()));
            if ('closeIdleConnections' in server) server.closeIdleConnections();
            await Promise.race([closed, new Promise<void>((done) => setTimeout(done, graceMs).unref())]);
            if ('closeAllConnections' in server) server.closeAllConnections();
            await closed;
            await whenTurnsFinished(app);
            clearInterval(sweeper);
            await store.close();
          },
        });
      },
    );
    // A request Node refused before the app saw it (too slow, malformed) gets the contract's JSON error body.
    server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
      if (!socket.writable || error.code === 'ECONNRESET') {
        socket.destroy();
        return;
      }
      const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT';
      socket.end(
        timedOut
          ? rawJsonResponse(408, 'Request Timeout', { error: errorText.requestTimeout })
          : rawJsonResponse(400, 'Bad Request', { error: errorText.invalidRequest }),
      );
    });
    server.once('error', (error: Error) => {
      clearInterval(sweeper);
      void store.close();
      reject(error);
    });
  });
}

/** The demo's signed-in visitors. */
const demoVisitors: Readonly<Record<string, Omit<VisitorClaims, 'visitorId'>>> = {
  alice: { name: 'Alice', plan: 'Team', email: 'alice@example.com', locale: 'en' },
  bob: { name: 'Bob', plan: 'Starter', email: 'bob@example.com', locale: 'en' },
};

/**
 * `GET /demo/visitor-token?visitor=alice`: what a site's backend does for a visitor it signed in, for the
 * demo only. It exists only while the proxy runs on its emulator with the demo key (never with a Vapi key),
 * and signs with a secret made at start, never written anywhere.
 */
function mountDemoVisitorTokens(
  app: ReturnType<typeof createProxy>,
  basePath: string,
  secret: string,
  widgetKey: WidgetKeyConfig,
): void {
  app.get(`${basePath}/demo/visitor-token`, async (c) => {
    const name = c.req.query('visitor') ?? '';
    const claims = Object.hasOwn(demoVisitors, name) ? demoVisitors[name] : undefined;
    if (claims === undefined) return c.json({ error: errorText.notFound }, 404);
    const visitorId = `demo-${name}`;
    const token = await signVisitorToken({
      secret,
      widgetKeyId: widgetKey.id ?? widgetKey.key,
      visitorId,
      ...claims,
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ token, visitor: { visitorId, ...claims } });
  });
}

/** A whole HTTP/1.1 response, for a socket Node hands over before any request object exists. */
function rawJsonResponse(status: number, reason: string, body: unknown): string {
  const json = JSON.stringify(body);
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`
  );
}

/** The store URL without a password, for the start-up line. */
function describeStore(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

/**
 * The `vapi-chat-proxy` command: reads flags and environment, refuses to start on a bad setting (naming it,
 * exit code 2), prints `Listening on http://HOST:PORT` as its first line, and stops on SIGINT/SIGTERM.
 *
 * @example
 * await runCli(['--port', '8787', '--host', '127.0.0.1'], process.env);
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<ProxyServer | undefined> {
  if (argv[0] === 'export') {
    await runExport(argv.slice(1), env);
    return undefined;
  }
  const result = parseCliConfig(argv, env);
  if (!result.ok) {
    console.error(`Configuration error: ${result.setting} ${result.message}`);
    process.exitCode = 2;
    return undefined;
  }
  if ('help' in result) {
    console.log(cliUsage);
    return undefined;
  }
  const log = batchedJsonLineLog();
  let server: ProxyServer;
  try {
    server = await startProxyServer(result.config, log.logger);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
    return undefined;
  }
  console.log(`Listening on ${server.url}`);
  for (const note of server.notes) console.log(note);
  const stop = () => {
    console.log('Stopping: finishing open replies (up to 10 s)');
    void server.close(10_000).then(() => {
      log.flush();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

/**
 * `vapi-chat-proxy export`: conversations and their ratings as JSON lines on stdout; how many on stderr.
 * Exit code 2 on a bad flag, 1 when the store cannot be read.
 */
async function runExport(argv: readonly string[], env: Readonly<Record<string, string | undefined>>) {
  const result = parseExportConfig(argv, env, Date.now());
  if (!result.ok) {
    console.error(`Configuration error: ${result.message}`);
    process.exitCode = 2;
    return;
  }
  if ('help' in result) {
    console.log(exportUsage);
    return;
  }
  let store: ConversationStore | undefined;
  try {
    store = await openStore(result.config.storeUrl);
    const count = await exportConversations(store, result.config, (line) => {
      // Waits for stdout to drain, so a large export into a pipe holds no more than a line in memory.
      if (process.stdout.write(line)) return;
      return new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    });
    console.error(
      `Exported ${count} conversation${count === 1 ? '' : 's'} (${result.config.from} to ${result.config.to})`,
    );
  } catch (error) {
    console.error(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await store?.close();
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) void runCli(process.argv.slice(2), process.env);
