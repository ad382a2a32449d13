import type { EmulatorOptions } from '../emulator-options';

/**
 * One answer Vapi may give where its docs, its spec and live reports disagree or are silent (reference §15):
 * a name, the options that model it, and the evidence for it.
 */
export interface EmulatorVariant {
  readonly name: string;
  /** What the variant changes, in words. */
  readonly behaviour: string;
  /** Why it is plausible: the source, and how sure we are (`likely` or `unknown`, as §15 marks it). */
  readonly evidence: string;
  readonly options: Omit<EmulatorOptions, 'variants'>;
}

const streamErrors = { errorsInStream: true, midStreamFailure: 'error-event' } as const;

/**
 * Every named variant. Select them per emulator (`variants` option, CLI `--variant`), or per request with
 * the `x-emulator-variant` header in test mode. The emulator's defaults are the likeliest answers; each
 * variant is another plausible one, and a client must work with all of them.
 *
 * @example
 * createEmulator({ variants: ['distinct-stream-id', 'incomplete-chats-dropped'] });
 */
export const emulatorVariants = [
  {
    name: 'success-200',
    behaviour: 'POST /chat, /chat/responses and /chat/web answer 200 instead of 201',
    evidence: 'the spec lists both 200 and 201; a live /chat/web stream answered 201 (likely)',
    options: { successStatus: 200 },
  },
  {
    name: 'unknown-fields-ignored',
    behaviour: 'unknown body fields are ignored instead of refused with 400',
    evidence: '"property tools should not exist" in several reports (confirmed); kept as the lenient answer',
    options: { unknownFields: 'ignore' },
  },
  {
    name: 'lean-error-bodies',
    behaviour: 'error bodies have no `error` field; a 402 is {message, reason, statusCode}',
    evidence:
      'a live 402 was {"message":…,"reason":"payment_method_missing","statusCode":402}; 400s seen without `error` (likely)',
    options: { errorBodies: 'lean' },
  },
  {
    name: 'plain-401',
    behaviour: 'an unknown key gets a plain "Unauthorized" 401, not the "Invalid Key. Hot tip…" text',
    evidence:
      'the Hot tip text is reported for a key of the wrong kind, a plain message for an unknown one (likely)',
    options: { unknownKeyMessage: 'plain' },
  },
  {
    name: 'user-agent-required',
    behaviour: 'a request without User-Agent gets 403 `error code: 1010` as text/plain',
    evidence: 'api.vapi.ai sits behind Cloudflare, which refuses clients without a User-Agent (likely)',
    options: { requireUserAgent: true },
  },
  {
    name: 'stream-error-nest',
    behaviour:
      'the billing gate and 5xx failures of a streaming turn come inside the 2xx stream, as a {message, error, statusCode} chunk; a cut ends with one',
    evidence:
      'the billing gate came back inside an HTTP 201 stream on /chat/web (likely); body shape: Nest default',
    options: { ...streamErrors, streamErrorBody: 'nest' },
  },
  {
    name: 'stream-error-reason',
    behaviour: 'as stream-error-nest, with {message, reason, statusCode} chunks (no `error`)',
    evidence: 'the in-stream billing gate body seen live (likely)',
    options: { ...streamErrors, streamErrorBody: 'reason' },
  },
  {
    name: 'stream-error-field',
    behaviour: 'as stream-error-nest, with {error} chunks (no message, no statusCode)',
    evidence: 'a body shape seen in reports of in-stream failures (likely)',
    options: { ...streamErrors, streamErrorBody: 'error-field' },
  },
  {
    name: 'stream-error-list',
    behaviour: 'as stream-error-nest, with {message: [...]} chunks (no statusCode)',
    evidence: 'validation-style bodies without statusCode seen in reports (likely)',
    options: { ...streamErrors, streamErrorBody: 'message-list' },
  },
  {
    name: 'unterminated-last-event',
    behaviour: "a stream's last event has no line end and no blank line after it",
    evidence: 'a client lost reply endings until it flushed its buffer at the end of the body (likely)',
    options: { unterminatedLastEvent: true },
  },
  {
    name: 'distinct-stream-id',
    behaviour: 'the SSE `id` is a stream id (`stream_<uuid>`), not the chat id',
    evidence:
      'the docs chain with event.id; the spec calls it the id of the streaming response, example stream_123 (unknown)',
    options: { streamId: 'distinct' },
  },
  {
    name: 'incomplete-chats-dropped',
    behaviour: 'the chat of a stream that was cut, stalled or left by its client is not kept',
    evidence: 'undocumented; a previousChatId naming such a chat may be refused (unknown)',
    options: { incompleteChats: 'dropped' },
  },
  {
    name: 'output-event-string',
    behaviour: '/chat streams end with a {id, output: "<whole text>"} chunk',
    evidence: "Vapi's widget reads a whole `output` from a chunk when present (unknown)",
    options: { terminalEvent: 'output', outputEventShape: 'string' },
  },
  {
    name: 'output-event-messages',
    behaviour: '/chat streams end with a chunk whose `output` is the Chat.output messages',
    evidence: 'the `Chat.output` shape, if the final chunk carried it (unknown)',
    options: { terminalEvent: 'output', outputEventShape: 'messages' },
  },
  {
    name: 'output-event-parts',
    behaviour:
      '/chat streams end with a chunk whose `output` messages hold content parts [{type:"text", text}]',
    evidence: 'OpenAI-style content parts, as on Vapi’s OpenAI-compatibility page (unknown)',
    options: { terminalEvent: 'output', outputEventShape: 'content-parts' },
  },
  {
    name: 'output-event-empty',
    behaviour: '/chat streams end with a chunk whose `output` is an empty list',
    evidence: 'a final chunk whose text cannot be read (unknown)',
    options: { terminalEvent: 'output', outputEventShape: 'empty' },
  },
  {
    name: 'done-marker',
    behaviour: '/chat streams end with `data: [DONE]`',
    evidence: "Vapi's widget skips [DONE]; the docs' parsers would throw on it (unknown)",
    options: { terminalEvent: 'done' },
  },
  {
    name: 'responses-docs-shape',
    behaviour: 'Responses objects are {object:"chat.response", created, usage} with parts of type "text"',
    evidence:
      "the spec says output_text; Vapi's own OpenAI-compatibility page shows text and chat.response (unknown)",
    options: { responsesShape: 'docs' },
  },
  {
    name: 'responses-no-completed',
    behaviour: 'Responses streams end after response.output_text.done, with no response.completed',
    evidence: "in the spec's event set, but Vapi's quickstart reads only output_text.delta (unknown)",
    options: { responsesCompleted: false },
  },
  {
    name: 'unknown-reference-400',
    behaviour: 'an unknown previousChatId or sessionId gets 400 instead of 404',
    evidence: 'undocumented (reference §14 Q4) (unknown)',
    options: { unknownReferenceStatus: 400 },
  },
  {
    name: 'web-unknown-session-new',
    behaviour: '/chat/web starts a new session for a sessionId it does not know, instead of 404',
    evidence: 'the spec promises a new session only for a missing or expired one (unknown)',
    options: { webUnknownSession: 'new-session' },
  },
  {
    name: 'session-expiry-inactivity',
    behaviour: 'a session expires expirationSeconds after its last use, not after its creation',
    evidence: '"24 hours by default"; SMS sessions "after 24 hours of inactivity" (likely)',
    options: { sessionExpiry: 'inactivity' },
  },
] as const satisfies readonly EmulatorVariant[];

/**
 * The name of a variant in {@link emulatorVariants}.
 *
 * @example
 * const name: EmulatorVariantName = 'distinct-stream-id';
 */
export type EmulatorVariantName = (typeof emulatorVariants)[number]['name'];

/**
 * The request header that selects variants for one request, in test mode: a comma-separated list of names.
 *
 * @example
 * fetch(url, { headers: { [variantHeaderName]: 'success-200, done-marker' } });
 */
export const variantHeaderName = 'x-emulator-variant';

/**
 * The options of the named variants, laid over each other in order.
 *
 * @example
 * variantOptions(['success-200']); // { successStatus: 200 }
 */
export function variantOptions(names: readonly string[]): Omit<EmulatorOptions, 'variants'> {
  let options: Omit<EmulatorOptions, 'variants'> = {};
  for (const name of names) {
    const variant = emulatorVariants.find((candidate) => candidate.name === name);
    if (variant === undefined) throw new Error(`Unknown emulator variant "${name}"`);
    options = { ...options, ...variant.options };
  }
  return options;
}

/**
 * Parses an `x-emulator-variant` header (or a CLI list): names separated by commas, spaces around them
 * ignored. Returns the names and every unknown one, so the caller can refuse a misspelt variant.
 *
 * @example
 * parseVariantList('success-200, done-marker'); // { names: ['success-200', 'done-marker'], unknown: [] }
 */
export function parseVariantList(list: string): {
  readonly names: EmulatorVariantName[];
  readonly unknown: string[];
} {
  const names: EmulatorVariantName[] = [];
  const unknown: string[] = [];
  for (const raw of list.split(',')) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    const variant = emulatorVariants.find((candidate) => candidate.name === name);
    if (variant === undefined) unknown.push(name);
    else names.push(variant.name);
  }
  return { names, unknown };
}
