import { AbortedError } from '../errors/aborted-error';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { NetworkError } from '../errors/network-error';
import { PaymentRequiredError } from '../errors/payment-required-error';
import { ProtocolError } from '../errors/protocol-error';
import { RateLimitedError } from '../errors/rate-limited-error';
import { UnauthorizedError } from '../errors/unauthorized-error';
import { UpstreamError } from '../errors/upstream-error';
import type { VapiChatError } from '../errors/vapi-chat-error';
import type { ChatMessage } from '../state/chat-state';
import { describe, expect, it } from 'vitest';
import { chatSnapshotVersion, fromChatSnapshotJson, toChatSnapshotJson } from './chat-snapshot-json';

function failed(id: string, error: VapiChatError): ChatMessage {
  return { id, role: 'user', text: `text ${id}`, status: 'failed', error, createdAt: 1, turnId: `t-${id}` };
}

describe('toChatSnapshotJson / fromChatSnapshotJson', () => {
  it('round-trips a transcript through JSON text, rebuilding every error class', () => {
    const errors: VapiChatError[] = [
      new UnauthorizedError('Invalid Key', { status: 401 }),
      new PaymentRequiredError('Add a payment method'),
      new RateLimitedError('Too many requests', { retryAfterMs: 3000 }),
      new InvalidRequestError('Bad', { status: 400, messages: ['input must be a string'] }),
      new UpstreamError('Internal server error', { status: 500 }),
      new NetworkError('The connection dropped'),
      new ProtocolError('Not JSON'),
      new AbortedError(),
    ];
    const messages = errors.map((error, index) => failed(`m${index}`, error));
    const text = JSON.stringify(
      toChatSnapshotJson({ messages, chain: { chatId: 'c1' }, chainsBeforeTurn: { 't-m0': {} } }),
    );
    const snapshot = fromChatSnapshotJson(JSON.parse(text));
    expect(snapshot?.chain).toEqual({ chatId: 'c1' });
    expect(snapshot?.chainsBeforeTurn).toEqual({ 't-m0': {} });
    const restored = snapshot?.messages.map((message) => message.error) ?? [];
    expect(restored.map((error) => error?.toJSON())).toEqual(errors.map((error) => error.toJSON()));
    expect(UnauthorizedError.isInstance(restored[0])).toBe(true);
    expect(PaymentRequiredError.isInstance(restored[1])).toBe(true);
    expect(RateLimitedError.isInstance(restored[2]) && restored[2].retryAfterMs).toBe(3000);
    expect(InvalidRequestError.isInstance(restored[3]) && restored[3].messages).toEqual([
      'input must be a string',
    ]);
    expect(UpstreamError.isInstance(restored[4])).toBe(true);
    expect(NetworkError.isInstance(restored[5])).toBe(true);
    expect(ProtocolError.isInstance(restored[6])).toBe(true);
    expect(AbortedError.isInstance(restored[7])).toBe(true);
  });

  it('rejects other versions and damaged values', () => {
    expect(fromChatSnapshotJson(null)).toBeUndefined();
    expect(fromChatSnapshotJson('text')).toBeUndefined();
    expect(
      fromChatSnapshotJson({ version: chatSnapshotVersion + 1, messages: [], chain: {} }),
    ).toBeUndefined();
    expect(
      fromChatSnapshotJson({ version: chatSnapshotVersion, messages: [{ id: 1 }], chain: {} }),
    ).toBeUndefined();
    expect(fromChatSnapshotJson({ version: chatSnapshotVersion, messages: [], chain: null })).toBeUndefined();
    const message = { id: 'm1', role: 'user', text: 'Hi', status: 'done', createdAt: 1 };
    expect(
      fromChatSnapshotJson({
        version: chatSnapshotVersion,
        messages: [{ ...message, status: 'lost' }],
        chain: {},
      }),
    ).toBeUndefined();
    expect(
      fromChatSnapshotJson({
        version: chatSnapshotVersion,
        messages: [{ ...message, createdAt: 'now' }],
        chain: {},
      }),
    ).toBeUndefined();
    expect(
      fromChatSnapshotJson({ version: chatSnapshotVersion, messages: [message], chain: {} })?.messages,
    ).toEqual([message]);
    expect(fromChatSnapshotJson({ version: chatSnapshotVersion, messages: [], chain: {} })).toEqual({
      messages: [],
      chain: {},
      chainsBeforeTurn: {},
    });
  });
});
