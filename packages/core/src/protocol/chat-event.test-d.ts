import { describe, expectTypeOf, it } from 'vitest';
import type { VapiChatError } from '../errors/vapi-chat-error';
import type { ChatTransport, ChatTurnRequest } from '../transport/chat-transport';
import type { FetchFunction } from '../transport/transport-options';
import type { ChatEvent, ChatStreamFormat } from './chat-event';
import type { readChatEvents } from './read-chat-events';

describe('public protocol types', () => {
  it('ChatEvent is a closed union that a switch can exhaust', () => {
    expectTypeOf<ChatEvent['type']>().toEqualTypeOf<'turn-start' | 'text-delta' | 'turn-end' | 'error'>();
    const describe = (event: ChatEvent): string => {
      switch (event.type) {
        case 'turn-start':
          return event.chatId ?? '';
        case 'text-delta':
          return event.text;
        case 'turn-end':
          return event.text;
        case 'error':
          return event.error.code;
        default:
          return event satisfies never;
      }
    };
    expectTypeOf(describe).returns.toEqualTypeOf<string>();
    expectTypeOf<Extract<ChatEvent, { type: 'error' }>['error']>().toEqualTypeOf<VapiChatError>();
  });

  it('readChatEvents takes a byte stream and a format, and yields ChatEvents', () => {
    expectTypeOf<Parameters<typeof readChatEvents>[0]>().toEqualTypeOf<ReadableStream<Uint8Array>>();
    expectTypeOf<Parameters<typeof readChatEvents>[1]>().toEqualTypeOf<ChatStreamFormat>();
    expectTypeOf<ReturnType<typeof readChatEvents>>().toMatchTypeOf<AsyncIterable<ChatEvent>>();
    expectTypeOf<ChatStreamFormat>().toEqualTypeOf<'vapi-chat' | 'vapi-responses' | 'proxy'>();
  });

  it('events are readonly', () => {
    const event = { type: 'text-delta', text: 'a' } as ChatEvent;
    if (event.type === 'text-delta') {
      // @ts-expect-error a delta cannot be changed after it is emitted
      event.text = 'b';
    }
  });

  it('the global fetch fits a transport, and so does a Request-only handler', () => {
    expectTypeOf(fetch).toMatchTypeOf<FetchFunction>();
    expectTypeOf<(request: Request) => Promise<Response>>().toEqualTypeOf<FetchFunction>();
    expectTypeOf<ChatTransport['sendTurn']>().parameter(0).toEqualTypeOf<ChatTurnRequest>();
  });
});
