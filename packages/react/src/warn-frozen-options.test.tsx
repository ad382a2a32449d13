import { cleanup, render, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatProvider } from './chat-provider';
import type { ChatBinding } from './create-chat-binding';
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

  it('a component joining an existing chat with a transport of its own says once that it is not used', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const first = scriptedTransport();
    const second = scriptedTransport();
    const bindings: ChatBinding[] = [];
    function Owner(): ReactNode {
      bindings[0] = useVapiChat({ chatId: 'support', scheduleFrame: immediateFrames }).binding;
      // An inline transport: a new object on each render of the same component is no change.
      useVapiChat({ chatId: 'sales', transport: { ...first.transport }, scheduleFrame: immediateFrames });
      return null;
    }
    function Joiner(): ReactNode {
      bindings[1] = useVapiChat({ chatId: 'support', transport: second.transport }).binding;
      return null;
    }
    const app = (joined: boolean) => (
      <ChatProvider transport={first.transport}>
        <Owner />
        {joined && <Joiner />}
      </ChatProvider>
    );
    const view = render(app(false));
    view.rerender(app(false));
    expect(warn).not.toHaveBeenCalled();
    view.rerender(app(true));
    view.rerender(app(true));
    expect(bindings[1]).toBe(bindings[0]);
    expect(warn.mock.calls).toEqual([
      [
        'vapi-chat-kit: the `transport` passed for the chat "support" is not used: the chat already exists (under this ChatProvider) and keeps the transport it was made with. Give it another chatId, or pass the transport where the chat is first used.',
      ],
    ]);
    warn.mockRestore();
  });
});
