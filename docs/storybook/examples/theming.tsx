// The window's looks and words: theme, direction, labels, tokens and slots. (Type-checked with the repository.)
import { proxyTransport } from '@vapi-chat-kit/core';
import { useVapiChat } from '@vapi-chat-kit/react';
import { ChatWindow, CodeBlock, LabelsProvider, labelsFr, type ChatComponents } from '@vapi-chat-kit/ui';
import '@vapi-chat-kit/ui/styles.css';

const transport = proxyTransport({ baseUrl: '/api', widgetKey: 'wk_public_site_key' });

// Slots: made once, outside render. Each is optional; the kit's rendering stays where one is not given.
const components: ChatComponents = {
  Avatar: ({ message }) =>
    message.role === 'assistant' ? <img src="/bot.svg" alt="" width={28} height={28} /> : null,
};

export function Assistance() {
  const chat = useVapiChat({
    transport,
    chatId: 'assistance',
    greeting: 'Bonjour ! Que puis-je pour vous ?',
  });
  return (
    <ChatWindow
      chat={chat}
      className="demo-chat" // your tokens: .vck-window.demo-chat { --vck-accent: … } in your CSS
      theme="auto" // 'light' | 'dark' | 'auto' (follows prefers-color-scheme), the default
      dir="ltr" // 'rtl' mirrors the layout; by default the direction is inherited
      labels={{ ...labelsFr, subtitle: 'Réponse en quelques secondes' }} // any subset; the rest stay English
      components={components}
    />
  );
}

// A part used outside ChatWindow takes its labels from LabelsProvider ("Copier le code", not "Copy code").
export function InstallCommand() {
  return (
    <LabelsProvider labels={labelsFr}>
      <CodeBlock code="npm install @vapi-chat-kit/ui" language="bash" />
    </LabelsProvider>
  );
}
