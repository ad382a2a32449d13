import { persistChat, proxyTransport, vapiWebTransport, type ChatTransport } from '@vapi-chat-kit/core';
import { ChatProvider, useVapiChat } from '@vapi-chat-kit/react';
import { ChatWindow, labelsEn, labelsFr } from '@vapi-chat-kit/ui';
import '@vapi-chat-kit/ui/styles.css';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import './demo.css';
import greetingTexts from './greetings.json';

type Theme = 'auto' | 'light' | 'dark';
type Language = 'en' | 'fr';
type TransportKind = 'proxy' | 'vapi-web';

// Shown first, in the page's language. The proxy lists the same texts (scripts/demo.sh passes this file as
// WIDGET_GREETINGS), so the greeting the visitor answers reaches the assistant, and nothing else can.
const greetings: Record<Language, string> = { en: greetingTexts.en, fr: greetingTexts.fr };

const suggestions: Record<Language, string[]> = {
  en: ['How do I reset my password?', 'What are the API rate limits?', 'Tell me about enterprise features'],
  fr: ['Comment réinitialiser mon mot de passe ?', "Quelles sont les limites de l'API ?"],
};

const transports: Record<TransportKind, ChatTransport> = {
  // The default: the browser holds only the proxy's public demo widget key; the Vapi key (or the emulator)
  // stays in the proxy, which the dev server forwards `/api` to.
  proxy: proxyTransport({ baseUrl: '/api', widgetKey: 'demo-widget-key' }),
  // Vapi's browser endpoint with a public key. Offline these defaults reach the emulator that
  // scripts/demo.sh starts (through `/vapi`); set the VITE_VAPI_* variables to talk to Vapi itself.
  'vapi-web': vapiWebTransport({
    baseUrl: import.meta.env.VITE_VAPI_BASE_URL ?? '/vapi',
    publicKey: import.meta.env.VITE_VAPI_PUBLIC_KEY ?? 'emulator-public-key',
    assistantId: import.meta.env.VITE_VAPI_ASSISTANT_ID ?? '00000000-0000-4000-8000-00000000e001',
  }),
};

// Kept in localStorage: a reload restores the conversation, and tabs stay in step.
const localPersistence = persistChat('local');

function Support({
  theme,
  language,
  transport,
}: {
  theme: Theme;
  language: Language;
  transport: TransportKind;
}) {
  // One conversation per transport (each keeps its own chain: a proxy session, or a Vapi session) and per
  // language (a chat's greeting is fixed when it is made; switching language opens that language's chat).
  const chat = useVapiChat({
    transport: transports[transport],
    chatId: `techflow-support-${transport}-${language}`,
    persist: localPersistence,
    greeting: greetings[language],
  });
  return (
    <ChatWindow
      chat={chat}
      className="demo-chat"
      theme={theme}
      labels={language === 'fr' ? labelsFr : labelsEn}
      title="TechFlow support"
      subtitle={language === 'fr' ? 'Répond en quelques secondes' : 'Replies in seconds'}
      suggestions={suggestions[language]}
      autoFocus
    />
  );
}

function App() {
  const [theme, setTheme] = useState<Theme>('auto');
  const [language, setLanguage] = useState<Language>('en');
  const [transport, setTransport] = useState<TransportKind>('proxy');
  useEffect(() => {
    if (theme === 'auto') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = theme;
    document.documentElement.lang = language;
  }, [theme, language]);
  const articles = useMemo(
    () => [
      'Resetting your password',
      'Understanding your invoice',
      'API keys and rate limits',
      'SSO for enterprise',
    ],
    [],
  );

  return (
    <ChatProvider>
      <header className="demo-header">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        <div>
          <h1>TechFlow Help Center</h1>
          <p>Answers from our assistant, streamed as they are written.</p>
        </div>
        <a href="/widget.html" style={{ marginInlineStart: 'auto', color: 'var(--page-accent)' }}>
          Pricing page with the support widget
        </a>
      </header>
      <div className="demo-layout">
        <aside className="demo-aside">
          <section className="demo-card" aria-labelledby="articles-title">
            <h2 id="articles-title">Popular articles</h2>
            <ul>
              {articles.map((title) => (
                <li key={title}>{title}</li>
              ))}
            </ul>
          </section>
          <section className="demo-card" aria-labelledby="settings-title">
            <h2 id="settings-title">Demo settings</h2>
            <label>
              Theme
              <select value={theme} onChange={(event) => setTheme(event.target.value as Theme)}>
                <option value="auto">System</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </label>
            <label>
              Language
              <select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
                <option value="en">English</option>
                <option value="fr">Français</option>
              </select>
            </label>
            <label>
              Transport
              <select
                value={transport}
                onChange={(event) => setTransport(event.target.value as TransportKind)}
              >
                <option value="proxy">Our proxy (recommended)</option>
                <option value="vapi-web">Vapi /chat/web (public key)</option>
              </select>
            </label>
          </section>
        </aside>
        <main>
          <Support key={`${transport}-${language}`} theme={theme} language={language} transport={transport} />
        </main>
      </div>
    </ChatProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
