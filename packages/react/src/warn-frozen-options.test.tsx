import { cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatProvider } from './chat-provider';
import { immediateFrames } from './test-support/manual-frames';
import { scriptedTransport } from './test-support/scripted-transport';
import { useVapiChat } from './use-vapi-chat';

afterEach(cleanup);

describe('options a chat was made with', () => {
  it('are kept; a changed greeting says so once on the console instead of being ignored silently', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { transport } = scriptedTransport();
    const wrapper = ({ children }: { children: ReactNode }) => <ChatProvider>{children}</ChatProvider>;
    const { result, rerender } = renderHook(
      ({ greeting }: { greeting: string }) =>
        useVapiChat({ transport, chatId: 'support', greeting, scheduleFrame: immediateFrames }),
      { wrapper, initialProps: { greeting: 'Hi!' } },
    );
    expect(warn).not.toHaveBeenCalled();
    rerender({ greeting: 'Bonjour !' });
    rerender({ greeting: 'Hola!' });
    expect(result.current.messages.map((message) => message.text)).toEqual(['Hi!']);
    expect(warn.mock.calls).toEqual([
      [
        'vapi-chat-kit: the `greeting` passed for the chat "support" changed after the chat was made, and a chat keeps the options it was made with. To use the new one, give it another chatId.',
      ],
    ]);
    warn.mockRestore();
  });
});
