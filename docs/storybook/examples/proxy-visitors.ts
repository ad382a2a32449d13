// Signed-in visitors: the site's backend signs a short-lived token for a visitor it signed in, and the
// proxy verifies it with the widget key's secret. (Type-checked with the repository.)
import { createProxy, openStore, signVisitorToken } from '@vapi-chat-kit/proxy';

// Shared by the site's backend and the proxy: at least 32 characters, never in a browser.
const visitorSecret = process.env['VISITOR_SECRET'] ?? '';

export const app = createProxy({
  upstream: {
    apiKey: process.env['VAPI_API_KEY'] ?? '',
    assistantId: process.env['VAPI_ASSISTANT_ID'] ?? '',
  },
  widgetKeys: [
    {
      key: 'wk_shop_7f3a9c',
      allowedOrigins: ['https://shop.example'],
      visitors: {
        secret: visitorSecret,
        // Verified claims as assistantOverrides.variableValues: {{customerName}} and {{plan}} in the prompt.
        variables: { customerName: 'name', plan: 'plan' },
        maxAgeSeconds: 3600, // the default: a token issued longer ago is refused, whatever its expiry
        // required: true would refuse anonymous visitors
      },
    },
  ],
  store: await openStore(process.env['CHAT_STORE_URL'] ?? 'file:./data/chat.db'),
});

// On the site's backend, behind its own sign-in: the page asks it for a token (proxyTransport's
// `visitorToken`, ChatWindow's `proxy`, the widget's `visitor`) and sends it as X-Visitor-Token.
export function chatToken(user: { readonly id: string; readonly name: string; readonly plan: string }) {
  return signVisitorToken({
    secret: visitorSecret,
    widgetKeyId: 'wk_shop_7f3a9c', // the key's id, or the key itself: the audience the proxy checks
    visitorId: user.id, // their conversations are found by it, on any device
    name: user.name,
    plan: user.plan,
    expiresInSeconds: 600, // the default
  });
}
