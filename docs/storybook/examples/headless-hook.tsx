// The hook without the styled window: your own markup, the chat's state and its actions.
import { persistChat, proxyTransport } from '@vapi-chat-kit/core';
import { useVapiChat } from '@vapi-chat-kit/react';

const transport = proxyTransport({ baseUrl: '/api', widgetKey: 'demo-widget-key' });
const persist = persistChat('local'); // optional: the chat survives reloads, and tabs stay in step

export function Support() {
  const { messages, status, error, isBusy, send, stop, retry, clearError } = useVapiChat({
    transport,
    chatId: 'support',
    persist,
    greeting: 'Hi! How can I help?',
  });
  return (
    <section aria-label="Support chat" data-status={status}>
      <ol>
        {messages.map((message) => (
          <li key={message.id} data-role={message.role} data-status={message.status}>
            {message.text}
            {message.status === 'failed' && (
              <button type="button" onClick={() => void retry(message.id)}>
                Retry
              </button>
            )}
          </li>
        ))}
      </ol>
      {error && (
        <p role="alert">
          {error.message} <button onClick={clearError}>Dismiss</button>
        </p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const field = event.currentTarget.elements.namedItem('question') as HTMLInputElement;
          void send(field.value).then((sent) => {
            if (sent) field.value = '';
          });
        }}
      >
        <input name="question" aria-label="Question" />
        {isBusy ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="submit">Send</button>
        )}
      </form>
    </section>
  );
}
