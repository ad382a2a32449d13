import { act, render, cleanup } from '@testing-library/react';
import type { ChatEvent } from '@vapi-chat-kit/core';
import { Profiler, type ReactNode } from 'react';
import { describe, expect, it, afterEach } from 'vitest';
import { ChatProvider } from './chat-provider';
import { Chat } from './primitives/chat';
import { axeViolations } from './test-support/axe-violations';
import { manualFrames } from './test-support/manual-frames';
import { scriptedTransport } from './test-support/scripted-transport';
import { useVapiChat } from './use-vapi-chat';

// Unmount what each test rendered (no vitest globals, so no automatic cleanup).
afterEach(cleanup);

/** Pushes scripted events and lets the store read them all (microtasks only, no timers). */
async function pushed(script: ReturnType<typeof scriptedTransport>, events: ChatEvent[]): Promise<void> {
  script.push(...events);
  for (let index = 0; index < events.length + 10; index += 1) await Promise.resolve();
}

function deltas(count: number): ChatEvent[] {
  return Array.from({ length: count }, () => ({ type: 'text-delta', text: 'x' }) as const);
}

describe('render budget', () => {
  it('makes at most one commit per frame for a 2,000-delta stream, and finished messages never re-render', async () => {
    const script = scriptedTransport();
    const frames = manualFrames();
    let commits = 0;
    const messageRenders = new Map<string, number>();
    let send: ((text: string) => Promise<boolean>) | undefined;
    function Sender(): ReactNode {
      send = useVapiChat().send;
      return null;
    }
    const { container } = render(
      <ChatProvider transport={script.transport} scheduleFrame={frames.schedule}>
        <Sender />
        <Profiler id="chat" onRender={() => (commits += 1)}>
          <Chat.Root>
            <Chat.Messages>
              {(id) => (
                <Profiler id={id} onRender={() => messageRenders.set(id, (messageRenders.get(id) ?? 0) + 1)}>
                  <Chat.Message messageId={id}>
                    <Chat.MessageText />
                  </Chat.Message>
                </Profiler>
              )}
            </Chat.Messages>
            <Chat.Composer />
            <Chat.Send>Send</Chat.Send>
            <Chat.Stop>Stop</Chat.Stop>
          </Chat.Root>
        </Profiler>
      </ChatProvider>,
    );

    // A first, finished turn.
    act(() => void send?.('First question'));
    await act(() => pushed(script, [{ type: 'turn-start' }, { type: 'text-delta', text: 'First answer' }]));
    await act(() => pushed(script, [{ type: 'turn-end', text: 'First answer' }]));
    act(() => void frames.flush());
    const finished = [...messageRenders.keys()];
    expect(finished).toHaveLength(2);
    expect(container.querySelectorAll('[data-role][data-status="done"]')).toHaveLength(2);

    // The second turn: 2,000 deltas, 50 per frame.
    act(() => void send?.('Second question'));
    await act(() => pushed(script, [{ type: 'turn-start' }]));
    act(() => void frames.flush());
    const before = new Map(messageRenders);
    const commitsBefore = commits;
    const framesBefore = frames.flushed();
    for (let frame = 0; frame < 40; frame += 1) {
      await act(() => pushed(script, deltas(50)));
      act(() => void frames.flush());
    }
    const streamCommits = commits - commitsBefore;
    const streamFrames = frames.flushed() - framesBefore;
    expect(streamFrames).toBe(40);
    expect(streamCommits).toBe(40);
    for (const id of finished) expect(messageRenders.get(id)).toBe(before.get(id));
    const live = container.querySelector('[data-role="assistant"][data-status="streaming"]');
    expect(live?.textContent).toHaveLength(2000);

    await act(() => pushed(script, [{ type: 'turn-end', text: 'x'.repeat(2000) }]));
    act(() => void frames.flush());
    expect(commits - commitsBefore).toBe(41);
    expect(container.querySelectorAll('[data-role][data-status="done"]')).toHaveLength(4);
    for (const id of finished) expect(messageRenders.get(id)).toBe(before.get(id));
    expect(await axeViolations(container)).toEqual([]);
  });

  it('folds every notification of a frame into one flush shared by all subscribers', async () => {
    const script = scriptedTransport();
    const frames = manualFrames();
    let commits = 0;
    let send: ((text: string) => Promise<boolean>) | undefined;
    function Sender(): ReactNode {
      send = useVapiChat().send;
      return null;
    }
    function Watcher(): ReactNode {
      const { messages, status } = useVapiChat();
      return (
        <p>
          {status} {messages.at(-1)?.text.length ?? 0}
        </p>
      );
    }
    const { container } = render(
      <ChatProvider transport={script.transport} scheduleFrame={frames.schedule}>
        <Sender />
        <Profiler id="watchers" onRender={() => (commits += 1)}>
          <Watcher />
          <Watcher />
          <Watcher />
        </Profiler>
      </ChatProvider>,
    );
    act(() => void send?.('Hi'));
    await act(() => pushed(script, [{ type: 'turn-start' }, ...deltas(500)]));
    // Nothing reached React yet: one frame is pending for the whole chat, not one per subscriber.
    expect(frames.pending()).toBe(1);
    expect(commits).toBe(1);
    act(() => void frames.flush());
    expect(commits).toBe(2);
    expect(container.textContent).toBe('streaming 500'.repeat(3));
  });
});
