/**
 * The launcher's texts: what the widget itself shows or announces outside the chat window (the window
 * takes ui's `ChatLabels`). Chosen by the element's `lang` attribute.
 *
 * @example
 * const labels = widgetLabels('fr');
 * labels.openChat(2); // "Ouvrir le chat d'assistance, 2 nouvelles réponses"
 */
export interface WidgetLabels {
  /** The launcher's name while the panel is closed, with the unread count (0: none). */
  readonly openChat: (unread: number) => string;
  /** The launcher's name while the panel is open. */
  readonly closeChat: string;
  /** The greeting bubble's dismiss button. */
  readonly dismissGreeting: string;
  /** The window's title when the `heading` attribute is not set. */
  readonly title: string;
}

export const widgetLabelsEn: WidgetLabels = {
  openChat: (unread) =>
    unread === 0
      ? 'Open support chat'
      : `Open support chat, ${unread} new ${unread === 1 ? 'reply' : 'replies'}`,
  closeChat: 'Close support chat',
  dismissGreeting: 'Dismiss greeting',
  title: 'Support',
};

export const widgetLabelsFr: WidgetLabels = {
  openChat: (unread) =>
    unread === 0
      ? "Ouvrir le chat d'assistance"
      : `Ouvrir le chat d'assistance, ${unread} ${unread === 1 ? 'nouvelle réponse' : 'nouvelles réponses'}`,
  closeChat: "Fermer le chat d'assistance",
  dismissGreeting: 'Masquer le message',
  title: 'Assistance',
};

/** The labels for a `lang` attribute value: French for `fr` and `fr-*`, English otherwise. */
export function widgetLabels(lang: string | null | undefined): WidgetLabels {
  return lang?.toLowerCase().split('-')[0] === 'fr' ? widgetLabelsFr : widgetLabelsEn;
}
