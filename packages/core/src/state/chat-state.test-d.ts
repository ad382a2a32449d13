import { describe, expectTypeOf, it } from 'vitest';
import type { VapiChatError } from '../errors/vapi-chat-error';
import type { ChatStore, ChatStoreActions } from '../store/create-chat-store';
import type { ChatAction } from './chat-reducer';
import type { ChatMessage, ChatMessageStatus, ChatState, ChatStatus } from './chat-state';

describe('chat state types', () => {
  it('statuses are string unions', () => {
    expectTypeOf<ChatStatus>().toEqualTypeOf<'idle' | 'submitted' | 'streaming' | 'error'>();
    expectTypeOf<ChatMessageStatus>().toEqualTypeOf<
      'sending' | 'streaming' | 'done' | 'stopped' | 'failed'
    >();
  });

  it('messages and state are readonly', () => {
    expectTypeOf<ChatState['messages']>().toEqualTypeOf<readonly ChatMessage[]>();
    expectTypeOf<ChatMessage['error']>().toEqualTypeOf<VapiChatError | undefined>();
    // @ts-expect-error: a message cannot be changed in place
    const change = (message: ChatMessage) => (message.text = '');
    void change;
  });

  it('the action union is closed and discriminated by type', () => {
    expectTypeOf<ChatAction['type']>().toEqualTypeOf<
      | 'turn-submit'
      | 'turn-retry'
      | 'turn-regenerate'
      | 'turn-event'
      | 'turn-retry-wait'
      | 'turn-stop'
      | 'reset'
      | 'restore'
      | 'clear-error'
    >();
  });

  it('the store holds the state and stable actions', () => {
    expectTypeOf<ReturnType<ChatStore['getState']>>().toEqualTypeOf<ChatState & ChatStoreActions>();
    expectTypeOf<ChatStoreActions['send']>().toEqualTypeOf<(text: string) => Promise<boolean>>();
    expectTypeOf<ChatStoreActions['stop']>().returns.toEqualTypeOf<void>();
  });
});
