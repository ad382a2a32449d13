import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installVapiChatWidget, type VapiChatWidgetCommand } from './command-queue';
import type { VapiChatWidgetElement } from './vapi-chat-widget-element';

// These tests are about the queue: opening mounts a stand-in panel, not React (the element's tests do that).
vi.mock('./widget-panel', () => ({
  mountWidgetPanel: () => ({
    update: () => undefined,
    focusComposer: () => undefined,
    unmount: () => undefined,
  }),
}));

type Host = { VapiChatWidget?: unknown };

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(() => {
  document.body.replaceChildren();
});

const widget = () => document.querySelector<VapiChatWidgetElement>('vapi-chat-widget');

describe('installVapiChatWidget (the command queue)', () => {
  it('runs the commands queued before the script loaded: init creates the element, open opens it', () => {
    const host: Host = {};
    host.VapiChatWidget = host.VapiChatWidget || [];
    const queue = host.VapiChatWidget as VapiChatWidgetCommand[];
    const opened: string[] = [];
    queue.push(['on', 'open', (event) => opened.push(event.type)]);
    queue.push([
      'init',
      {
        proxyUrl: '/api',
        widgetKey: 'demo-widget-key',
        title: 'TechFlow support',
        greeting: 'Hi!',
        greetingDelay: 2000,
        theme: 'dark',
        position: 'bottom-left',
        lang: 'fr',
      },
    ]);
    queue.push(['open']);
    expect(widget()).toBeNull();

    const api = installVapiChatWidget(host);

    const element = widget()!;
    expect(element.parentElement).toBe(document.body);
    expect(
      Object.fromEntries(element.getAttributeNames().map((name) => [name, element.getAttribute(name)])),
    ).toEqual({
      'proxy-url': '/api',
      'widget-key': 'demo-widget-key',
      heading: 'TechFlow support',
      greeting: 'Hi!',
      'greeting-delay': '2000',
      theme: 'dark',
      position: 'bottom-left',
      lang: 'fr',
      open: '',
    });
    expect(element.isOpen).toBe(true);
    expect(opened).toEqual(['vapi-chat-widget:open']);
    expect(host.VapiChatWidget).toBe(api);
    expect(api.element).toBe(element);
  });

  it('runs commands pushed after loading at once, and offers open, close, toggle and on', () => {
    const host: Host = {};
    const api = installVapiChatWidget(host);
    expect(widget()).toBeNull();
    api.push(['init', { proxyUrl: '/api', widgetKey: 'demo-widget-key' }]);
    const element = widget()!;
    expect(element.isOpen).toBe(false);

    const events: string[] = [];
    const stop = api.on('close', (event) => events.push(event.type));
    api.push(['open']);
    expect(element.isOpen).toBe(true);
    api.push(['close']);
    expect(element.isOpen).toBe(false);
    api.toggle();
    expect(element.isOpen).toBe(true);
    api.close();
    stop();
    api.open();
    api.close();
    expect(events).toEqual(['vapi-chat-widget:close', 'vapi-chat-widget:close']);
    expect(installVapiChatWidget(host)).toBe(api);
  });

  it('configures a <vapi-chat-widget> already on the page instead of adding another', () => {
    const existing = document.createElement('vapi-chat-widget');
    existing.setAttribute('position', 'bottom-left');
    const main = document.createElement('main');
    main.append(existing);
    document.body.append(main);
    const host: Host = { VapiChatWidget: [['init', { proxyUrl: 'https://chat.example.com' }]] };
    installVapiChatWidget(host);
    expect(document.querySelectorAll('vapi-chat-widget')).toHaveLength(1);
    expect(existing).toHaveAttribute('proxy-url', 'https://chat.example.com');
    expect(existing).toHaveAttribute('position', 'bottom-left');
  });
});
