import type { ChatMessage } from '@vapi-chat-kit/core';
import { useMessageRating } from '@vapi-chat-kit/react';
import { useId, useState, type FormEvent } from 'react';
import type { ChatWindowProxy } from '../conversations/chat-proxy-context';
import { ThumbDownIcon, ThumbUpIcon } from '../icons/icons';
import { useLabels } from '../labels/labels-context';

/**
 * Props of {@link ChatRating}.
 */
export interface ChatRatingProps {
  /** The reply to rate: a finished assistant reply the proxy stored. */
  readonly message: ChatMessage;
  /** The proxy it is stored on (`ChatWindow`'s `proxy`). */
  readonly proxy: ChatWindowProxy;
}

/**
 * Thumbs up and down under a reply (toggle buttons, `aria-pressed`), then, after a thumbs down, an
 * optional comment. The choice shows at once and is stored by the proxy; if that fails it is put back,
 * and a message says so. Renders nothing for a reply that cannot be rated.
 *
 * @selector .vck-rating, .vck-rating-button[aria-pressed], .vck-rating-comment
 * @example
 * <ChatRating message={message} proxy={{ baseUrl: '/api', widgetKey: 'wk_site' }} />
 */
export function ChatRating({ message, proxy }: ChatRatingProps) {
  const labels = useLabels();
  const { rating, rate, canRate, error, isPending } = useMessageRating(message, proxy);
  const [commenting, setCommenting] = useState(false);
  const [comment, setComment] = useState('');
  const [thanked, setThanked] = useState(false);
  const commentId = useId();
  if (!canRate) return null;
  const choose = (value: 'up' | 'down') => {
    const next = rating?.value === value ? null : value;
    rate(next);
    setCommenting(next === 'down');
    setThanked(next !== null && next !== 'down');
  };
  const sendComment = (event: FormEvent) => {
    event.preventDefault();
    rate('down', comment.trim() || undefined);
    setCommenting(false);
    setThanked(true);
  };
  return (
    <div className="vck-rating">
      <button
        type="button"
        className="vck-icon-button vck-rating-button"
        aria-pressed={rating?.value === 'up'}
        aria-label={labels.rateUp}
        title={labels.rateUp}
        onClick={() => choose('up')}
      >
        <ThumbUpIcon />
      </button>
      <button
        type="button"
        className="vck-icon-button vck-rating-button"
        aria-pressed={rating?.value === 'down'}
        aria-label={labels.rateDown}
        title={labels.rateDown}
        onClick={() => choose('down')}
      >
        <ThumbDownIcon />
      </button>
      {commenting && rating?.value === 'down' ? (
        <form className="vck-rating-comment" onSubmit={sendComment}>
          <label htmlFor={commentId}>{labels.ratingComment}</label>
          <input
            id={commentId}
            value={comment}
            maxLength={1000}
            onChange={(event) => setComment(event.target.value)}
          />
          <button type="submit" className="vck-rating-send">
            {labels.ratingCommentSend}
          </button>
        </form>
      ) : null}
      <span className="vck-visually-hidden" role="status">
        {thanked && !error && !isPending ? labels.ratingThanks : ''}
      </span>
      {error ? (
        <span className="vck-rating-error" role="alert">
          {labels.ratingFailed}
        </span>
      ) : null}
    </div>
  );
}
