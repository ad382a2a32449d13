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

const widgetKey = 'demo-widget-key';

/**
 * The signed-in visitor's token, as a site's backend would give it after its own sign-in: here the proxy's
 * demo endpoint (it exists only while the proxy runs on its emulator). Kept until a minute before it expires.
 */
let cachedToken: { token: string; until: number } | undefined;
async function aliceToken(): Promise<string> {
  if (cachedToken && cachedToken.until > Date.now()) return cachedToken.token;
  const response = await fetch('/api/demo/visitor-token?visitor=alice');
  if (!response.ok) throw new Error(`The demo could not sign Alice in (${response.status})`);
  const { token } = (await response.json()) as { token: string };
  cachedToken = { token, until: Date.now() + 9 * 60_000 };
  return token;
}

// Signed in, the conversations are Alice's on any device (another browser lists and continues them), and the
// assistant knows her name and plan; signed out, they live in this browser.
const alice = { baseUrl: '/api', widgetKey, visitorToken: aliceToken, visitorId: 'demo-alice' } as const;
const aliceTransport = proxyTransport(alice);

const transports: Record<TransportKind, ChatTransport> = {
  // The default: the browser holds only the proxy's public demo widget key; the Vapi key (or the emulator)
  // stays in the proxy, which the dev server forwards `/api` to.
  proxy: proxyTransport({ baseUrl: '/api', widgetKey }),
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
  signedIn,
}: {
  theme: Theme;
  language: Language;
  transport: TransportKind;
  signedIn: boolean;
}) {
  // One conversation per transport (each keeps its own chain: a proxy session, or a Vapi session), per
  // language (a chat's greeting is fixed when it is made; switching language opens that language's chat)
  // and per visitor.
  const visitor = signedIn && transport === 'proxy';
  const chat = useVapiChat({
    transport: visitor ? aliceTransport : transports[transport],
    chatId: `techflow-support-${transport}-${language}${visitor ? '-alice' : ''}`,
    persist: localPersistence,
    greeting: greetings[language],
  });
  return (
    <ChatWindow
      chat={chat}
      // Through the proxy, replies can be rated; signed in, the header lists Alice's conversations.
      proxy={visitor ? alice : transport === 'proxy' ? { baseUrl: '/api', widgetKey } : undefined}
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
  const [signedIn, setSignedIn] = useState(false);
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
            <label className="demo-switch">
              <input
                type="checkbox"
                checked={signedIn}
                disabled={transport !== 'proxy'}
                onChange={(event) => setSignedIn(event.target.checked)}
              />
              Signed in as Alice (Team plan)
            </label>
          </section>
        </aside>
        <main>
          <Support
            key={`${transport}-${language}-${signedIn ? 'alice' : 'anonymous'}`}
            theme={theme}
            language={language}
            transport={transport}
            signedIn={signedIn}
          />
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
