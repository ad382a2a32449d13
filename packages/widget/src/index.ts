// The public API of @vapi-chat-kit/widget, listed by name (STYLE.md rule 12).
// The script-tag bundle's entry is `@vapi-chat-kit/widget/embed` (dist/embed/vapi-chat-widget.js).

export {
  defineVapiChatWidget,
  VapiChatWidgetElement,
  type VapiChatWidgetEventMap,
  type VapiChatWidgetMessageDetail,
} from './vapi-chat-widget-element';
export {
  installVapiChatWidget,
  type VapiChatWidgetApi,
  type VapiChatWidgetCommand,
  type VapiChatWidgetEventName,
  type VapiChatWidgetInit,
} from './command-queue';
export type { VapiChatWidgetVisitor } from './widget-panel-options';
export { widgetLabels, widgetLabelsEn, widgetLabelsFr, type WidgetLabels } from './widget-labels';
