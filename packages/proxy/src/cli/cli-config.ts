import { parseArgs } from 'node:util';
import { createAddressMatcher } from '../middleware/client-address/address-matcher';
import type { LimitOptions, WidgetKeyConfig } from '../proxy-options';
import { visitorSecretMinLength, type VisitorClaimName } from '../visitor/visitor-token';

/** The widget key the CLI uses when none is configured and the emulator is the upstream (the demo). */
export const demoWidgetKey = 'demo-widget-key';
/** Origins the demo key allows: any local dev server. */
export const demoOrigins: readonly string[] = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];
export const defaultStoreUrl = 'file:./data/chat.db';
export const defaultPort = 8787;
export const defaultHost = '127.0.0.1';

/** The CLI's settings, from flags over environment over defaults. */
export interface CliConfig {
  readonly port: number;
  readonly host: string;
  /** `undefined`: no `VAPI_API_KEY`, so the in-process emulator is the upstream. */
  readonly vapi:
    | { readonly apiKey: string; readonly assistantId: string; readonly baseUrl: string | undefined }
    | undefined;
  readonly chain: 'previous-chat' | 'session';
  readonly variableValues: Readonly<Record<string, string | number | boolean>> | undefined;
  readonly storeUrl: string;
  /** Conversations idle for longer are deleted. `undefined`: kept. */
  readonly retentionSeconds: number | undefined;
  readonly widgetKeys: readonly WidgetKeyConfig[];
  /** Whether `widgetKeys` is the built-in demo key. */
  readonly demoKey: boolean;
  readonly trustedProxies: readonly string[];
  readonly limits: LimitOptions;
  readonly basePath: string;
  readonly logMessageText: boolean;
  /**
   * Whether the demo's visitor tokens are on: the emulator is the upstream with the demo key, so the CLI
   * makes a visitor secret of its own and serves `GET /demo/visitor-token` (never with a real Vapi key).
   */
  readonly demoVisitors: boolean;
}

export type CliConfigResult =
  | { readonly ok: true; readonly config: CliConfig }
  | { readonly ok: true; readonly help: true }
  | { readonly ok: false; readonly setting: string; readonly message: string };

/** The `--help` text. */
export const cliUsage = `Usage: vapi-chat-proxy [options]
       vapi-chat-proxy export --from <date> [--to <date>] [--store <url>]   (conversations and ratings, see export --help)

Keeps Vapi's private key on the server: browsers call this proxy with a public widget key.
Every flag has an environment variable; a flag wins.

  --port <n>                 PORT                      default ${defaultPort} (0 = any free port)
  --host <address>           HOST                      default ${defaultHost}
                             VAPI_API_KEY              Vapi private key (environment only). Unset: the
                                                       in-process emulator is the upstream (offline demo)
  --assistant-id <id>        VAPI_ASSISTANT_ID         required with VAPI_API_KEY
  --vapi-base-url <url>      VAPI_BASE_URL             default https://api.vapi.ai
  --chain <mode>             VAPI_CHAIN                previous-chat (default) or session
                             VAPI_VARIABLE_VALUES      JSON object sent as assistantOverrides.variableValues
  --store <url>              CHAT_STORE_URL            memory:, file:./data/chat.db (default), redis://host:6379
  --retention-days <n>       CHAT_RETENTION_DAYS       delete conversations idle this long (default: keep)
  --widget-key <key=origins> WIDGET_KEYS               key=origin,origin (flag repeats; env separates keys by ;)
                                                       origins: https://site.example, http://localhost:*, *
                             VISITOR_SECRET            signed-in visitors: the HS256 secret (32+ characters)
                                                       the site's backend signs visitor tokens with
                                                       (environment only; every widget key takes them)
  --visitor-variables <map>  VISITOR_VARIABLES         claims given to the assistant as variable values:
                                                       customerName=name,plan=plan (claims: name, email,
                                                       plan, locale)
  --visitors-required        VISITORS_REQUIRED=1       refuse requests without a visitor token
  --greeting <text>          WIDGET_GREETINGS          a greeting the site shows first, which Vapi then gets
                                                       as the assistant's first message (flag repeats; env:
                                                       a JSON array of strings)
  --trust-proxy <list>       TRUSTED_PROXIES           comma list of IPs, CIDRs, loopback, private
  --rate-limit <n>           RATE_LIMIT_REQUESTS       requests per window and client, default 60
  --rate-limit-window <s>    RATE_LIMIT_WINDOW_SECONDS default 60
  --max-streams <n>          MAX_CONCURRENT_STREAMS    open turns per client, default 4
  --max-body-bytes <n>       MAX_BODY_BYTES            default 32768
  --max-turn-seconds <n>     MAX_TURN_SECONDS          default 120
  --ping-seconds <n>         PING_INTERVAL_SECONDS     default 15
  --body-timeout-seconds <n> BODY_TIMEOUT_SECONDS      a request body must arrive within, default 10
  --turn-lease-seconds <n>   TURN_LEASE_SECONDS        a turn whose process died is given up after, default 5
  --base-path <path>         BASE_PATH                 mount under a prefix, e.g. /api
  --log-message-text         LOG_MESSAGE_TEXT=1        put message text in logs (debugging only)
  --help
`;

class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
  }
}

function integer(value: string | undefined, setting: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(setting, `must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

/** Parses `key=origin,origin` entries. */
export function parseWidgetKeys(entries: readonly string[], setting: string): WidgetKeyConfig[] {
  return entries.map((entry) => {
    const separator = entry.indexOf('=');
    const key = entry.slice(0, separator).trim();
    const origins = entry
      .slice(separator + 1)
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== '');
    if (separator <= 0 || key === '' || origins.length === 0) {
      throw new ConfigError(
        setting,
        'each widget key must look like key=https://site.example,http://localhost:*',
      );
    }
    if (key.length < 8) throw new ConfigError(setting, 'a widget key must be at least 8 characters');
    for (const origin of origins) {
      if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
        throw new ConfigError(setting, `not an origin: ${origin} (scheme://host[:port], no path)`);
      }
    }
    return { key, allowedOrigins: origins };
  });
}

function parseGreetings(text: string | undefined): string[] {
  if (text === undefined || text.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError('WIDGET_GREETINGS', 'must be a JSON array of strings');
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '')) {
    throw new ConfigError('WIDGET_GREETINGS', 'must be a JSON array of strings');
  }
  return value as string[];
}

function variableValues(text: string | undefined): CliConfig['variableValues'] {
  if (text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError('VAPI_VARIABLE_VALUES', 'must be a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError('VAPI_VARIABLE_VALUES', 'must be a JSON object');
  }
  for (const item of Object.values(value)) {
    if (!['string', 'number', 'boolean'].includes(typeof item)) {
      throw new ConfigError('VAPI_VARIABLE_VALUES', 'values must be strings, numbers or booleans');
    }
  }
  return value as Record<string, string | number | boolean>;
}

/** Parses `variable=claim,variable=claim`, each claim one a visitor token carries. */
function visitorVariables(text: string, setting: string): Record<string, VisitorClaimName> {
  const claims: readonly string[] = ['name', 'email', 'plan', 'locale'];
  const variables: Record<string, VisitorClaimName> = {};
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    const [variable = '', claim = ''] = entry.split('=').map((part) => part.trim());
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable) || !claims.includes(claim)) {
      throw new ConfigError(
        setting,
        'must be variable=claim pairs, claims being name, email, plan or locale',
      );
    }
    variables[variable] = claim as VisitorClaimName;
  }
  return variables;
}

/** A random secret for the demo's visitor tokens: new at each start, never written anywhere. */
function randomSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * Reads the CLI's configuration from flags and environment, checking each setting. A bad setting is
 * returned with its name, so the CLI can refuse to start and say which.
 *
 * @example
 * const result = parseCliConfig(process.argv.slice(2), process.env);
 * if (!result.ok) console.error(`${result.setting}: ${result.message}`);
 */
export function parseCliConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliConfigResult {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'assistant-id': { type: 'string' },
        'vapi-base-url': { type: 'string' },
        chain: { type: 'string' },
        store: { type: 'string' },
        'retention-days': { type: 'string' },
        'widget-key': { type: 'string', multiple: true },
        greeting: { type: 'string', multiple: true },
        'trust-proxy': { type: 'string' },
        'rate-limit': { type: 'string' },
        'rate-limit-window': { type: 'string' },
        'max-streams': { type: 'string' },
        'max-body-bytes': { type: 'string' },
        'max-turn-seconds': { type: 'string' },
        'ping-seconds': { type: 'string' },
        'body-timeout-seconds': { type: 'string' },
        'turn-lease-seconds': { type: 'string' },
        'base-path': { type: 'string' },
        'log-message-text': { type: 'boolean' },
        'visitor-variables': { type: 'string' },
        'visitors-required': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    return {
      ok: false,
      setting: 'arguments',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  const flags = parsed.values;
  if (flags.help) return { ok: true, help: true };

  // The flag's name, or the variable's, for messages: whichever the user actually set.
  const pick = (flag: keyof typeof flags, variable: string): [string | undefined, string] => {
    const value = flags[flag];
    if (typeof value === 'string') return [value, `--${flag}`];
    return [env[variable], variable];
  };

  try {
    const [portText, portSetting] = pick('port', 'PORT');
    const port = integer(portText, portSetting, 0, 65535) ?? defaultPort;
    const [hostText] = pick('host', 'HOST');
    const host = hostText?.trim() || defaultHost;

    const apiKey = env['VAPI_API_KEY']?.trim() || undefined;
    const [assistantId, assistantSetting] = pick('assistant-id', 'VAPI_ASSISTANT_ID');
    const [baseUrl, baseUrlSetting] = pick('vapi-base-url', 'VAPI_BASE_URL');
    if (baseUrl && !/^https?:\/\/[^\s]+$/.test(baseUrl))
      throw new ConfigError(baseUrlSetting, 'must be an http(s) URL');
    if (!apiKey && baseUrl) {
      throw new ConfigError('VAPI_API_KEY', `is required when ${baseUrlSetting} is set`);
    }
    if (apiKey && !assistantId?.trim()) {
      throw new ConfigError(assistantSetting, 'is required when VAPI_API_KEY is set');
    }

    const [chainText, chainSetting] = pick('chain', 'VAPI_CHAIN');
    const chain = chainText?.trim() || 'previous-chat';
    if (chain !== 'previous-chat' && chain !== 'session') {
      throw new ConfigError(chainSetting, 'must be previous-chat or session');
    }

    const [storeText, storeSetting] = pick('store', 'CHAT_STORE_URL');
    const storeUrl = storeText?.trim() || defaultStoreUrl;
    if (!/^(memory:$|file:|libsql:|redis:\/\/|rediss:\/\/)/.test(storeUrl)) {
      throw new ConfigError(storeSetting, 'must start with memory:, file:, libsql:, redis:// or rediss://');
    }

    const [retentionText, retentionSetting] = pick('retention-days', 'CHAT_RETENTION_DAYS');
    const retentionDays = integer(retentionText, retentionSetting, 1, 36_500);

    const keyFlags = flags['widget-key'];
    const keyEntries = keyFlags?.length
      ? { entries: keyFlags, setting: '--widget-key' }
      : {
          entries: (env['WIDGET_KEYS'] ?? '')
            .split(';')
            .map((entry) => entry.trim())
            .filter((entry) => entry !== ''),
          setting: 'WIDGET_KEYS',
        };
    let widgetKeys = parseWidgetKeys(keyEntries.entries, keyEntries.setting);
    const demoKey = widgetKeys.length === 0;
    if (demoKey) {
      // With a real Vapi key, a built-in public key would let anyone spend the account: refuse.
      if (apiKey)
        throw new ConfigError('WIDGET_KEYS', 'at least one widget key is required when VAPI_API_KEY is set');
      widgetKeys = [{ key: demoWidgetKey, allowedOrigins: demoOrigins }];
    }
    const greetings = flags.greeting ?? parseGreetings(env['WIDGET_GREETINGS']);
    if (greetings.length > 0) widgetKeys = widgetKeys.map((widgetKey) => ({ ...widgetKey, greetings }));

    // Signed-in visitors: a secret of the operator's, or the demo's own on the emulator.
    const visitorSecret = env['VISITOR_SECRET']?.trim() || undefined;
    if (visitorSecret !== undefined && visitorSecret.length < visitorSecretMinLength) {
      throw new ConfigError('VISITOR_SECRET', `must be at least ${visitorSecretMinLength} characters`);
    }
    const [variablesText, variablesSetting] = pick('visitor-variables', 'VISITOR_VARIABLES');
    const required = flags['visitors-required'] === true || env['VISITORS_REQUIRED'] === '1';
    const demoVisitors = demoKey && !apiKey && visitorSecret === undefined;
    const secret = visitorSecret ?? (demoVisitors ? randomSecret() : undefined);
    if (secret === undefined && (variablesText !== undefined || required)) {
      throw new ConfigError(
        'VISITOR_SECRET',
        `is required with ${required ? 'VISITORS_REQUIRED' : variablesSetting}`,
      );
    }
    if (secret !== undefined) {
      const variables = visitorVariables(
        variablesText ?? (demoVisitors ? 'customerName=name,plan=plan' : ''),
        variablesSetting,
      );
      widgetKeys = widgetKeys.map((widgetKey) => ({
        ...widgetKey,
        visitors: { secret, variables, ...(required ? { required } : {}) },
      }));
    }

    const [proxiesText, proxiesSetting] = pick('trust-proxy', 'TRUSTED_PROXIES');
    const trustedProxies = (proxiesText ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    try {
      createAddressMatcher(trustedProxies);
    } catch (error) {
      throw new ConfigError(proxiesSetting, error instanceof Error ? error.message : String(error));
    }

    const limit = (flag: keyof typeof flags, variable: string, min: number, max: number) => {
      const [text, setting] = pick(flag, variable);
      return integer(text, setting, min, max);
    };
    const turnSeconds = limit('max-turn-seconds', 'MAX_TURN_SECONDS', 1, 3600);
    const pingSeconds = limit('ping-seconds', 'PING_INTERVAL_SECONDS', 1, 3600);
    const bodySeconds = limit('body-timeout-seconds', 'BODY_TIMEOUT_SECONDS', 1, 600);
    const leaseSeconds = limit('turn-lease-seconds', 'TURN_LEASE_SECONDS', 2, 600);
    const limits: LimitOptions = Object.fromEntries(
      Object.entries({
        requests: limit('rate-limit', 'RATE_LIMIT_REQUESTS', 1, 1_000_000),
        windowSeconds: limit('rate-limit-window', 'RATE_LIMIT_WINDOW_SECONDS', 1, 86_400),
        concurrentStreams: limit('max-streams', 'MAX_CONCURRENT_STREAMS', 1, 10_000),
        bodyBytes: limit('max-body-bytes', 'MAX_BODY_BYTES', 1024, 10 * 1024 * 1024),
        turnDurationMs: turnSeconds === undefined ? undefined : turnSeconds * 1000,
        pingIntervalMs: pingSeconds === undefined ? undefined : pingSeconds * 1000,
        bodyTimeoutMs: bodySeconds === undefined ? undefined : bodySeconds * 1000,
        turnLeaseMs: leaseSeconds === undefined ? undefined : leaseSeconds * 1000,
      }).filter(([, value]) => value !== undefined),
    );

    const [basePathText, basePathSetting] = pick('base-path', 'BASE_PATH');
    const basePath = (basePathText ?? '').trim().replace(/\/+$/, '');
    if (basePath !== '' && !/^\/[A-Za-z0-9._~\-/]*$/.test(basePath)) {
      throw new ConfigError(basePathSetting, 'must be a path such as /api');
    }

    return {
      ok: true,
      config: {
        port,
        host,
        vapi: apiKey
          ? { apiKey, assistantId: assistantId!.trim(), baseUrl: baseUrl || undefined }
          : undefined,
        chain,
        variableValues: variableValues(env['VAPI_VARIABLE_VALUES']),
        storeUrl,
        retentionSeconds: retentionDays === undefined ? undefined : retentionDays * 86_400,
        widgetKeys,
        demoKey,
        trustedProxies,
        limits,
        basePath,
        logMessageText: flags['log-message-text'] === true || env['LOG_MESSAGE_TEXT'] === '1',
        demoVisitors,
      },
    };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, setting: error.setting, message: error.message };
    throw error;
  }
}
