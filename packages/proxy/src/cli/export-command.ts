import { parseArgs } from 'node:util';
import type { ProxyHistoryMessage } from '@vapi-chat-kit/core';
import type { ConversationRecord, ConversationStore } from '../store/conversation-store';
import { defaultStoreUrl } from './cli-config';

/** The most messages of one conversation an export writes (the newest). */
const exportMessagesMax = 10_000;

/** One line of `vapi-chat-proxy export`: a conversation with its messages and their ratings. */
export interface ExportedConversation {
  readonly conversationId: string;
  readonly widgetKeyId: string;
  /** The signed-in visitor's id; absent for an anonymous conversation. */
  readonly visitorId?: string;
  readonly sessionId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly ratings: { readonly up: number; readonly down: number };
  readonly messages: readonly ProxyHistoryMessage[];
}

/**
 * Writes every conversation last updated in `[from, to)` as one JSON line each (oldest update first), with
 * its messages and their ratings; returns how many. A reply still `streaming` is written as `failed`: an
 * export is a record of what was said, and that reply was cut or is being written.
 *
 * @example
 * const count = await exportConversations(store, { from: '2026-12-01T00:00:00Z', to: '2026-12-08T00:00:00Z' }, (line) => process.stdout.write(line));
 */
export async function exportConversations(
  store: ConversationStore,
  range: { readonly from: string; readonly to: string },
  write: (line: string) => void | Promise<void>,
): Promise<number> {
  const records = await store.conversationsUpdatedBetween(range.from, range.to);
  for (const record of records) {
    const stored = await store.listMessages(record.id, exportMessagesMax);
    const messages = stored.map((message): ProxyHistoryMessage => ({
      ...message,
      status: message.status === 'streaming' ? 'failed' : message.status,
    }));
    const count = (value: 'up' | 'down') =>
      messages.filter((message) => message.rating?.value === value).length;
    const line: ExportedConversation = {
      conversationId: record.id,
      ...owners(record),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      ratings: { up: count('up'), down: count('down') },
      messages,
    };
    await write(`${JSON.stringify(line)}\n`);
  }
  return records.length;
}

/** The widget key, visitor and `sessionId` a conversation's scope names (see `conversationScope`). */
function owners(
  record: ConversationRecord,
): Pick<ExportedConversation, 'widgetKeyId' | 'visitorId' | 'sessionId'> {
  const [key = '', ...rest] = record.scope.split('|');
  const visitor =
    rest.length === 2 && rest[0]?.startsWith('v:') ? decodeURIComponent(rest[0].slice(2)) : undefined;
  return {
    widgetKeyId: decodeURIComponent(key),
    ...(visitor === undefined ? {} : { visitorId: visitor }),
    sessionId: record.sessionId ?? rest.at(-1) ?? '',
  };
}

/** The settings of `vapi-chat-proxy export`. */
export interface ExportConfig {
  readonly storeUrl: string;
  readonly from: string;
  readonly to: string;
}

export const exportUsage = `Usage: vapi-chat-proxy export --from <date> [--to <date>] [--store <url>]

Writes the conversations last updated from --from (included) to --to (excluded, default now) to stdout, one
JSON object per line: the conversation, its widget key, visitor and sessionId, its messages with their ratings,
and a count of thumbs up and down. Dates are ISO 8601 (2026-12-01 or 2026-12-01T09:00:00Z).

  --from <date>   required
  --to <date>     default now
  --store <url>   CHAT_STORE_URL, default ${defaultStoreUrl}
`;

/**
 * Reads `export`'s flags: dates as ISO 8601, `from` before `to`.
 *
 * @example
 * parseExportConfig(['--from', '2026-12-01'], process.env, Date.now());
 */
export function parseExportConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  now: number,
): { ok: true; config: ExportConfig } | { ok: true; help: true } | { ok: false; message: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        store: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { ok: true, help: true };
  const date = (text: string | undefined, name: string) => {
    if (text === undefined) return undefined;
    const time = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(time)) throw new Error(`--${name} must be an ISO 8601 date, e.g. 2026-12-01`);
    return new Date(time).toISOString();
  };
  try {
    const from = date(values.from, 'from');
    if (from === undefined) return { ok: false, message: '--from is required' };
    const to = date(values.to, 'to') ?? new Date(now).toISOString();
    if (from >= to) return { ok: false, message: '--from must be before --to' };
    return {
      ok: true,
      config: { storeUrl: values.store ?? (env['CHAT_STORE_URL']?.trim() || defaultStoreUrl), from, to },
    };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
