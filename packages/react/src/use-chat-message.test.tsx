import { act, cleanup, render, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatProvider } from './chat-provider';
import { Chat } from './primitives/chat';
import { axeViolations } from './test-support/axe-violations';
import { manualFrames } from './test-support/manual-frames';
import { scriptedTransport } from './test-support/scripted-transport';
import { useChatMessage } from './use-chat-message';
import { useChatStore } from './use-chat-store';

afterEach(cleanup);

describe('useChatMessage', () => {
  it('reads the enclosing Chat.Message, for a custom bubble part', async () => {
    const script = scriptedTransport();
    function Bubble() {
      const message = useChatMessage();
      return <span data-testid="bubble">{`${message?.role ?? ''}: ${message?.text ?? ''}`}</span>;
    }
    const view = render(
      <ChatProvider transport={script.transport} greeting="Hi!">
        <Chat.Root>
          <Chat.Messages>
            {(id) => (
              <Chat.Message messageId={id}>
                <Bubble />
              </Chat.Message>
            )}
          </Chat.Messages>
        </Chat.Root>
      </ChatProvider>,
    );
    expect(view.getByTestId('bubble')).toHaveTextContent('assistant: Hi!');
    expect(await axeViolations(view.container)).toEqual([]);
  });

  it('selects a message by id and re-renders only when it changes', async () => {
    const script = scriptedTransport();
    const frames = manualFrames();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ChatProvider transport={script.transport} scheduleFrame={frames.schedule} greeting="Hi!">
        {children}
      </ChatProvider>
    );
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders += 1;
        const store = useChatStore();
        const greetingId = store.getState().messages[0]?.id ?? '';
        return { greeting: useChatMessage(greetingId), unknown: useChatMessage('nope'), store };
      },
      { wrapper },
    );
    expect(result.current.greeting?.text).toBe('Hi!');
    expect(result.current.unknown).toBeUndefined();
    act(() => void result.current.store.getState().send('Hello'));
    await act(async () => {
      script.push(
        { type: 'turn-start' },
        { type: 'text-delta', text: 'Hey' },
        { type: 'turn-end', text: 'Hey' },
      );
      for (let index = 0; index < 10; index += 1) await Promise.resolve();
    });
    act(() => void frames.flush());
    expect(result.current.store.getState().messages).toHaveLength(3);
    expect(renders).toBe(1);
  });

  it('throws without an id outside Chat.Message', () => {
    const script = scriptedTransport();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() =>
      renderHook(() => useChatMessage(), {
        wrapper: ({ children }: { children: ReactNode }) => (
          <ChatProvider transport={script.transport}>{children}</ChatProvider>
        ),
      }),
    ).toThrow('useChatMessage() without an id must be used inside <Chat.Message>.');
    vi.restoreAllMocks();
  });
});
