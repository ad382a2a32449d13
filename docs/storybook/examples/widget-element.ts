// The widget from a bundler: define the element, configure it, listen to it. (Type-checked with the repository.)
import { defineVapiChatWidget } from '@vapi-chat-kit/widget';

defineVapiChatWidget(); // idempotent; defineVapiChatWidget('acme-chat') for another tag name

const widget = document.createElement('vapi-chat-widget');
widget.setAttribute('proxy-url', '/api');
widget.setAttribute('widget-key', 'wk_public_site_key');
widget.setAttribute('heading', 'TechFlow support');
document.body.append(widget);

// The events bubble and are composed, so `document` hears them; TypeScript knows their `detail`.
document.addEventListener('vapi-chat-widget:message', (event) => {
  console.log('reply', event.detail.message.text);
});

// Load the panel's code ahead of the first open, then open it from a button of your own.
void widget.preload();
document.querySelector('#help-button')?.addEventListener('click', () => widget.open());
