import { describe, expect, it } from 'vitest';
import {
  defaultHost,
  defaultPort,
  defaultStoreUrl,
  demoOrigins,
  demoWidgetKey,
  parseCliConfig,
} from './cli-config';

describe('parseCliConfig', () => {
  it('needs no configuration at all: emulator upstream, demo widget key, SQLite store', () => {
    const result = parseCliConfig([], {});
    expect(result).toEqual({
      ok: true,
      config: {
        port: defaultPort,
        host: defaultHost,
        vapi: undefined,
        chain: 'previous-chat',
        variableValues: undefined,
        storeUrl: defaultStoreUrl,
        retentionSeconds: undefined,
        // The demo signs visitor tokens of its own, with a secret made at start.
        widgetKeys: [
          {
            key: demoWidgetKey,
            allowedOrigins: demoOrigins,
            visitors: {
              secret: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
              variables: { customerName: 'name', plan: 'plan' },
            },
          },
        ],
        demoKey: true,
        trustedProxies: [],
        limits: {},
        basePath: '',
        logMessageText: false,
        demoVisitors: true,
      },
    });
    expect(defaultPort).toBe(8787);
    expect(defaultStoreUrl).toBe('file:./data/chat.db');
  });

  it('reads the environment, and flags win over it', () => {
    const result = parseCliConfig(
      [
        '--port',
        '9000',
        '--widget-key',
        'wk_flag_key=https://a.example',
        '--max-turn-seconds',
        '30',
        '--log-message-text',
      ],
      {
        PORT: '1234',
        HOST: '0.0.0.0',
        VAPI_API_KEY: 'sk-private',
        VAPI_ASSISTANT_ID: 'asst-1',
        VAPI_BASE_URL: 'https://vapi.example',
        VAPI_CHAIN: 'session',
        VAPI_VARIABLE_VALUES: '{"company":"TechFlow","tier":2}',
        CHAT_STORE_URL: 'redis://127.0.0.1:6379',
        CHAT_RETENTION_DAYS: '30',
        WIDGET_KEYS: 'wk_env_key=https://b.example',
        TRUSTED_PROXIES: 'loopback, 10.0.0.0/8',
        RATE_LIMIT_REQUESTS: '10',
        RATE_LIMIT_WINDOW_SECONDS: '30',
        MAX_CONCURRENT_STREAMS: '2',
        MAX_BODY_BYTES: '4096',
        PING_INTERVAL_SECONDS: '5',
        BASE_PATH: '/api/',
      },
    );
    expect(result).toEqual({
      ok: true,
      config: {
        port: 9000,
        host: '0.0.0.0',
        vapi: { apiKey: 'sk-private', assistantId: 'asst-1', baseUrl: 'https://vapi.example' },
        chain: 'session',
        variableValues: { company: 'TechFlow', tier: 2 },
        storeUrl: 'redis://127.0.0.1:6379',
        retentionSeconds: 30 * 86_400,
        widgetKeys: [{ key: 'wk_flag_key', allowedOrigins: ['https://a.example'] }],
        demoKey: false,
        trustedProxies: ['loopback', '10.0.0.0/8'],
        limits: {
          requests: 10,
          windowSeconds: 30,
          concurrentStreams: 2,
          bodyBytes: 4096,
          turnDurationMs: 30_000,
          pingIntervalMs: 5000,
        },
        basePath: '/api',
        logMessageText: true,
        demoVisitors: false,
      },
    });
  });

  it('gives every widget key visitor tokens with VISITOR_SECRET, and refuses a bad visitor setting', () => {
    const secret = 'the-operators-visitor-secret-32-chars!';
    const result = parseCliConfig(
      ['--visitor-variables', 'customerName=name, tier=plan', '--visitors-required'],
      {
        VAPI_API_KEY: 'sk-private',
        VAPI_ASSISTANT_ID: 'asst-1',
        WIDGET_KEYS: 'wk_site_one=https://a.example;wk_site_two=https://b.example',
        VISITOR_SECRET: secret,
      },
    );
    const visitors = { secret, variables: { customerName: 'name', tier: 'plan' }, required: true };
    expect(result.ok && 'config' in result && result.config.widgetKeys.map((key) => key.visitors)).toEqual([
      visitors,
      visitors,
    ]);
    expect(result.ok && 'config' in result && result.config.demoVisitors).toBe(false);
    expect(parseCliConfig([], { VISITOR_SECRET: 'short' })).toEqual({
      ok: false,
      setting: 'VISITOR_SECRET',
      message: 'must be at least 32 characters',
    });
    expect(parseCliConfig(['--visitor-variables', 'x=password'], { VISITOR_SECRET: secret })).toEqual({
      ok: false,
      setting: '--visitor-variables',
      message: 'must be variable=claim pairs, claims being name, email, plan or locale',
    });
    const keys = { VAPI_API_KEY: 'sk', VAPI_ASSISTANT_ID: 'a', WIDGET_KEYS: 'wk_site_one=https://a.example' };
    expect(parseCliConfig([], { ...keys, VISITORS_REQUIRED: '1' })).toEqual({
      ok: false,
      setting: 'VISITOR_SECRET',
      message: 'is required with VISITORS_REQUIRED',
    });
  });

  it('reads several widget keys from WIDGET_KEYS', () => {
    const result = parseCliConfig([], {
      WIDGET_KEYS: 'wk_one_key=https://a.example,http://localhost:*; wk_two_key=*',
    });
    expect(result.ok && 'config' in result && result.config.widgetKeys).toEqual([
      { key: 'wk_one_key', allowedOrigins: ['https://a.example', 'http://localhost:*'] },
      { key: 'wk_two_key', allowedOrigins: ['*'] },
    ]);
  });

  const refused: [string, string[], Record<string, string>, string, string][] = [
    ['a port out of range', ['--port', '70000'], {}, '--port', 'must be a whole number from 0 to 65535'],
    ['a port that is not a number', [], { PORT: 'eighty' }, 'PORT', 'must be a whole number from 0 to 65535'],
    [
      'a Vapi key without an assistant',
      [],
      { VAPI_API_KEY: 'sk', WIDGET_KEYS: 'wk_site_key=*' },
      'VAPI_ASSISTANT_ID',
      'is required when VAPI_API_KEY is set',
    ],
    [
      'a Vapi key without widget keys',
      [],
      { VAPI_API_KEY: 'sk', VAPI_ASSISTANT_ID: 'a' },
      'WIDGET_KEYS',
      'at least one widget key is required when VAPI_API_KEY is set',
    ],
    [
      'a base URL without a Vapi key',
      [],
      { VAPI_BASE_URL: 'https://vapi.example' },
      'VAPI_API_KEY',
      'is required when VAPI_BASE_URL is set',
    ],
    [
      'a base URL that is not a URL',
      [],
      { VAPI_API_KEY: 'sk', VAPI_BASE_URL: 'ftp:x' },
      'VAPI_BASE_URL',
      'must be an http(s) URL',
    ],
    [
      'an unknown store',
      [],
      { CHAT_STORE_URL: 'postgres://db' },
      'CHAT_STORE_URL',
      'must start with memory:, file:, libsql:, redis:// or rediss://',
    ],
    [
      'a widget key without origins',
      ['--widget-key', 'wk_site_key'],
      {},
      '--widget-key',
      'each widget key must look like key=https://site.example,http://localhost:*',
    ],
    [
      'a widget key with a path as origin',
      [],
      { WIDGET_KEYS: 'wk_site_key=https://a.example/page' },
      'WIDGET_KEYS',
      'not an origin: https://a.example/page (scheme://host[:port], no path)',
    ],
    [
      'a short widget key',
      [],
      { WIDGET_KEYS: 'wk=*' },
      'WIDGET_KEYS',
      'a widget key must be at least 8 characters',
    ],
    [
      'a bad trusted proxy',
      [],
      { TRUSTED_PROXIES: '10.0.0.0/99' },
      'TRUSTED_PROXIES',
      'Not an IP address or CIDR range: 10.0.0.0/99',
    ],
    ['an unknown chain', [], { VAPI_CHAIN: 'thread' }, 'VAPI_CHAIN', 'must be previous-chat or session'],
    [
      'variable values that are not an object',
      [],
      { VAPI_VARIABLE_VALUES: '[1]' },
      'VAPI_VARIABLE_VALUES',
      'must be a JSON object',
    ],
    [
      'a zero rate limit',
      ['--rate-limit', '0'],
      {},
      '--rate-limit',
      'must be a whole number from 1 to 1000000',
    ],
    [
      'a retention of zero days',
      ['--retention-days', '0'],
      {},
      '--retention-days',
      'must be a whole number from 1 to 36500',
    ],
    ['a bad base path', [], { BASE_PATH: 'api' }, 'BASE_PATH', 'must be a path such as /api'],
  ];

  it.each(refused)('refuses %s, naming the setting', (_name, argv, env, setting, message) => {
    expect(parseCliConfig(argv, env)).toEqual({ ok: false, setting, message });
  });

  it('gives every widget key the greetings of WIDGET_GREETINGS (or --greeting), and refuses a bad list', () => {
    const fromEnv = parseCliConfig([], { WIDGET_GREETINGS: '["Hi! How can I help?","Bonjour !"]' });
    expect(fromEnv.ok && 'config' in fromEnv && fromEnv.config.widgetKeys).toEqual([
      expect.objectContaining({
        key: demoWidgetKey,
        allowedOrigins: demoOrigins,
        greetings: ['Hi! How can I help?', 'Bonjour !'],
      }),
    ]);
    const fromFlags = parseCliConfig(['--greeting', 'Hello', '--greeting', 'Salut'], {});
    expect(fromFlags.ok && 'config' in fromFlags && fromFlags.config.widgetKeys[0]?.greetings).toEqual([
      'Hello',
      'Salut',
    ]);
    expect(parseCliConfig([], { WIDGET_GREETINGS: 'Hello' })).toEqual({
      ok: false,
      setting: 'WIDGET_GREETINGS',
      message: 'must be a JSON array of strings',
    });
  });

  it('refuses an unknown flag', () => {
    const result = parseCliConfig(['--prot', '80'], {});
    expect(result).toMatchObject({ ok: false, setting: 'arguments' });
  });

  it('answers --help', () => {
    expect(parseCliConfig(['--help'], {})).toEqual({ ok: true, help: true });
  });
});
