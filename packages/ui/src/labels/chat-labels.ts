/**
 * Every text the window shows or announces that is not a message. Pass a partial object to
 * `<ChatWindow labels>` to replace some; the rest fall back to English.
 *
 * @example
 * <ChatWindow labels={{ ...labelsFr, title: 'Assistance' }} />
 */
export interface ChatLabels {
  /** The window's heading. */
  readonly title: string;
  /** The line under the title. */
  readonly subtitle: string;
  /** The accessible name of the message list (a `log`). */
  readonly messagesLabel: string;
  /** The composer's accessible name. */
  readonly composerLabel: string;
  /** The composer's placeholder. */
  readonly composerPlaceholder: string;
  /** The hint tied to the composer (`aria-describedby`). */
  readonly composerHint: string;
  readonly send: string;
  readonly stop: string;
  readonly retry: string;
  /** The header's button that starts a new conversation. */
  readonly newConversation: string;
  /** The header's close button (shown when `onClose` is given). */
  readonly close: string;
  readonly copyCode: string;
  /** Announced after a code block is copied. */
  readonly copied: string;
  readonly copyFailed: string;
  /** The jump-to-latest pill; `count` new messages arrived while the reader was scrolled up. */
  readonly jumpToLatest: (count: number) => string;
  /** The button above a long thread that shows `count` older messages. */
  readonly loadEarlier: (count: number) => string;
  /** The typing indicator's accessible text. */
  readonly typing: string;
  readonly you: string;
  readonly assistant: string;
  /** Shown under a reply that was stopped. */
  readonly stopped: string;
  /** Shown under a question that could not be sent. */
  readonly failed: string;
  /** Shown under a reply that broke off part-way (the text so far is kept). */
  readonly interrupted: string;
  /** The status banner while the browser is offline. */
  readonly offline: string;
  /** The status banner while a rate-limited turn waits; `seconds` counts down. */
  readonly rateLimited: (seconds: number) => string;
  /**
   * The status banner after a failed turn, by error code (see core's `VapiChatErrorCode`) and, where the
   * server answered, its HTTP status (409: a reply is already being written for this conversation).
   */
  readonly errorMessage: (code: string, status?: number) => string;
  /** Under the composer once the draft nears the longest message the server takes. */
  readonly characterCount: (length: number, max: number) => string;
  /** Dismisses the error banner. */
  readonly dismiss: string;
  /** The banner while another tab of this chat has a turn in flight. */
  readonly busyElsewhere: string;
  /** The divider before a message that started a new server session (the old one expired). */
  readonly newSession: string;
  /** The accessible name of a table's scroll area in a reply. */
  readonly table: string;
  /** Task-list checkboxes in a reply. */
  readonly taskDone: string;
  readonly taskOpen: string;
  /** The empty state's heading. */
  readonly emptyTitle: string;
  /** The empty state's text. */
  readonly emptyDescription: string;
  /** The accessible name of the suggested prompts group. */
  readonly suggestions: string;
  /** A reply's rating buttons (with `proxy`): thumbs up, thumbs down. */
  readonly rateUp: string;
  readonly rateDown: string;
  /** The optional comment after a thumbs down: its label and its send button. */
  readonly ratingComment: string;
  readonly ratingCommentSend: string;
  /** Announced once a rating is stored. */
  readonly ratingThanks: string;
  /** Shown when a rating could not be stored (it is put back as it was). */
  readonly ratingFailed: string;
  /** The header's button to a signed-in visitor's conversations, and the list's heading. */
  readonly conversations: string;
  /** The list's way back to the current conversation. */
  readonly backToChat: string;
  /** A conversation of the list that has no question yet. */
  readonly untitledConversation: string;
  readonly conversationsLoading: string;
  readonly conversationsEmpty: string;
  readonly conversationsFailed: string;
  /** Shown when a listed conversation could not be opened (the current one stays). */
  readonly conversationOpenFailed: string;
  /** The list's entry for the conversation shown now (announced with it). */
  readonly currentConversation: string;
}

/**
 * English labels, the default.
 *
 * @example
 * <ChatWindow labels={{ ...labelsEn, title: 'Help' }} />
 */
export const labelsEn: ChatLabels = {
  title: 'Assistant',
  subtitle: 'Typically replies in seconds',
  messagesLabel: 'Conversation',
  composerLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  composerHint: 'Enter to send, Shift+Enter for a new line',
  send: 'Send',
  stop: 'Stop',
  retry: 'Retry',
  newConversation: 'New conversation',
  close: 'Close chat',
  copyCode: 'Copy code',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  jumpToLatest: (count) =>
    count === 0 ? 'Jump to latest' : count === 1 ? '1 new message' : `${count} new messages`,
  loadEarlier: (count) => (count === 1 ? 'Show 1 earlier message' : `Show ${count} earlier messages`),
  typing: 'Assistant is typing',
  you: 'You',
  assistant: 'Assistant',
  stopped: 'Stopped',
  failed: 'Not sent',
  interrupted: 'Reply interrupted',
  offline: 'You are offline. Reconnect to send messages.',
  rateLimited: (seconds) => `Too many messages. Trying again in ${seconds} s…`,
  errorMessage: (code, status) => {
    switch (code) {
      case 'network':
        return 'Connection lost. Check your network and retry.';
      case 'rate-limited':
        return 'Too many messages right now. Please wait and retry.';
      case 'unauthorized':
      case 'payment-required':
        return 'This chat is not available right now.';
      case 'upstream':
        return 'The assistant had a problem. Please retry.';
      case 'protocol':
        return 'The reply could not be read. Please retry.';
      case 'invalid-request':
        return status === 409
          ? 'A reply is still being written. Wait a moment, then retry.'
          : 'This message could not be sent.';
      default:
        return 'Something went wrong. Please retry.';
    }
  },
  characterCount: (length, max) =>
    length > max ? `${length} / ${max} characters: too long to send` : `${length} / ${max} characters`,
  dismiss: 'Dismiss',
  busyElsewhere: 'A reply is being written in another tab.',
  newSession: 'New conversation',
  table: 'Table',
  taskDone: 'Done',
  taskOpen: 'To do',
  emptyTitle: 'How can we help?',
  emptyDescription: 'Ask a question, or pick one of these to get started.',
  suggestions: 'Suggested questions',
  rateUp: 'Helpful',
  rateDown: 'Not helpful',
  ratingComment: 'What was missing? (optional)',
  ratingCommentSend: 'Send feedback',
  ratingThanks: 'Thanks for your feedback.',
  ratingFailed: 'Your rating was not saved. Try again.',
  conversations: 'Your conversations',
  backToChat: 'Back to the conversation',
  untitledConversation: 'New conversation',
  conversationsLoading: 'Loading your conversations…',
  conversationsEmpty: 'No conversations yet.',
  conversationsFailed: 'Your conversations could not be loaded.',
  conversationOpenFailed: 'This conversation could not be opened. Try again.',
  currentConversation: 'current',
};

/**
 * French labels.
 *
 * @example
 * <ChatWindow labels={labelsFr} />
 */
export const labelsFr: ChatLabels = {
  title: 'Assistant',
  subtitle: 'Répond en général en quelques secondes',
  messagesLabel: 'Conversation',
  composerLabel: 'Message',
  composerPlaceholder: 'Écrivez un message…',
  composerHint: 'Entrée pour envoyer, Maj+Entrée pour aller à la ligne',
  send: 'Envoyer',
  stop: 'Arrêter',
  retry: 'Réessayer',
  newConversation: 'Nouvelle conversation',
  close: 'Fermer la discussion',
  copyCode: 'Copier le code',
  copied: 'Copié',
  copyFailed: 'Échec de la copie',
  jumpToLatest: (count) =>
    count === 0 ? 'Aller au plus récent' : count === 1 ? '1 nouveau message' : `${count} nouveaux messages`,
  loadEarlier: (count) =>
    count === 1 ? 'Afficher 1 message précédent' : `Afficher ${count} messages précédents`,
  typing: 'L’assistant écrit',
  you: 'Vous',
  assistant: 'Assistant',
  stopped: 'Arrêté',
  failed: 'Non envoyé',
  interrupted: 'Réponse interrompue',
  offline: 'Vous êtes hors ligne. Reconnectez-vous pour envoyer des messages.',
  rateLimited: (seconds) => `Trop de messages. Nouvel essai dans ${seconds} s…`,
  errorMessage: (code, status) => {
    switch (code) {
      case 'network':
        return 'Connexion perdue. Vérifiez votre réseau et réessayez.';
      case 'rate-limited':
        return 'Trop de messages pour le moment. Patientez puis réessayez.';
      case 'unauthorized':
      case 'payment-required':
        return 'Cette discussion n’est pas disponible pour le moment.';
      case 'upstream':
        return 'L’assistant a rencontré un problème. Réessayez.';
      case 'protocol':
        return 'La réponse n’a pas pu être lue. Réessayez.';
      case 'invalid-request':
        return status === 409
          ? 'Une réponse est encore en cours. Patientez un instant, puis réessayez.'
          : 'Ce message n’a pas pu être envoyé.';
      default:
        return 'Une erreur est survenue. Réessayez.';
    }
  },
  characterCount: (length, max) =>
    length > max
      ? `${length} / ${max} caractères : trop long pour être envoyé`
      : `${length} / ${max} caractères`,
  dismiss: 'Fermer',
  busyElsewhere: 'Une réponse est en cours dans un autre onglet.',
  newSession: 'Nouvelle conversation',
  table: 'Tableau',
  taskDone: 'Fait',
  taskOpen: 'À faire',
  emptyTitle: 'Comment pouvons-nous aider ?',
  emptyDescription: 'Posez une question, ou choisissez-en une pour commencer.',
  suggestions: 'Questions suggérées',
  rateUp: 'Utile',
  rateDown: 'Pas utile',
  ratingComment: 'Que manquait-il ? (facultatif)',
  ratingCommentSend: 'Envoyer l’avis',
  ratingThanks: 'Merci pour votre avis.',
  ratingFailed: 'Votre avis n’a pas été enregistré. Réessayez.',
  conversations: 'Vos conversations',
  backToChat: 'Retour à la conversation',
  untitledConversation: 'Nouvelle conversation',
  conversationsLoading: 'Chargement de vos conversations…',
  conversationsEmpty: 'Aucune conversation pour l’instant.',
  conversationsFailed: 'Vos conversations n’ont pas pu être chargées.',
  conversationOpenFailed: 'Cette conversation n’a pas pu être ouverte. Réessayez.',
  currentConversation: 'en cours',
};
