import { describe, expect, it, vi } from 'vitest';

// The launcher must not pull React in: any static import of it from the element's module graph fails here.
vi.mock('react', () => {
  throw new Error('React was imported by the launcher');
});
vi.mock('react-dom', () => {
  throw new Error('react-dom was imported by the launcher');
});
vi.mock('react-dom/client', () => {
  throw new Error('react-dom/client was imported by the launcher');
});

describe('the launcher', () => {
  it('defines the element and renders the launcher with React unavailable', async () => {
    const { defineVapiChatWidget } = await import('./vapi-chat-widget-element');
    const { installVapiChatWidget } = await import('./command-queue');
    defineVapiChatWidget();
    const api = installVapiChatWidget({ VapiChatWidget: [['init', { proxyUrl: '/api', greeting: 'Hi!' }]] });
    const launcher = api.element!.shadowRoot!.querySelector('button.vcw-launcher');
    expect(launcher).toHaveAccessibleName('Open support chat');
    expect(launcher).toHaveAttribute('aria-expanded', 'false');
    api.element!.remove();
  });
});
