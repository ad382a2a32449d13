import {
  type ChatMessage,
  type ChatStatus,
  type VapiChatError,
  persistChat,
  type ChatPersistence,
  type ChatStorageOption,
} from '@vapi-chat-kit/core';
import { expectTypeOf, test } from 'vitest';
import type { ChatBinding } from './create-chat-binding';
import type { UseVapiChatOptions, UseVapiChatResult } from './use-vapi-chat';

test('the result of useVapiChat', () => {
  expectTypeOf<UseVapiChatResult['messages']>().toEqualTypeOf<readonly ChatMessage[]>();
  expectTypeOf<UseVapiChatResult['status']>().toEqualTypeOf<ChatStatus>();
  expectTypeOf<UseVapiChatResult['error']>().toEqualTypeOf<VapiChatError | undefined>();
  expectTypeOf<UseVapiChatResult['rateLimitedUntil']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<UseVapiChatResult['isOffline']>().toEqualTypeOf<boolean>();
  expectTypeOf<UseVapiChatResult['send']>().toEqualTypeOf<(text: string) => Promise<boolean>>();
  expectTypeOf<UseVapiChatResult['clearError']>().toEqualTypeOf<() => void>();
  expectTypeOf<UseVapiChatResult['stop']>().toEqualTypeOf<() => void>();
  expectTypeOf<UseVapiChatResult['retry']>().toEqualTypeOf<(messageId: string) => Promise<void>>();
  // One handle to the chat: its binding (state, actions, tabs); no writable store.
  expectTypeOf<UseVapiChatResult>().not.toHaveProperty('store');
  expectTypeOf<UseVapiChatResult['binding']>().toEqualTypeOf<ChatBinding>();
});

test('the options of useVapiChat', () => {
  expectTypeOf<{ chatId: 'support'; persist: ChatPersistence }>().toExtend<UseVapiChatOptions>();
  expectTypeOf<{ persist: 'local' }>().not.toExtend<UseVapiChatOptions>();
  expectTypeOf(persistChat).parameter(0).toEqualTypeOf<ChatStorageOption>();
  expectTypeOf<UseVapiChatOptions['onError']>().toEqualTypeOf<((error: VapiChatError) => void) | undefined>();
});
