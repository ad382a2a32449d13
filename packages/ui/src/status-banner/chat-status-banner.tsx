import { Chat, type ChatBannerState } from '@vapi-chat-kit/react';
import { useEffect, useState } from 'react';
import { AlertIcon, ClockIcon, OfflineIcon } from '../icons/icons';
import { useLabels } from '../labels/labels-context';

/**
 * The chat-wide status line, styled: the last error (assertive), offline, or a rate-limit back-off
 * with a live countdown. Built on react's `Chat.StatusBanner`; renders nothing when all is well.
 *
 * @selector .vck-banner[data-state="error" | "offline" | "rate-limited" | "busy-elsewhere"]
 * @example
 * <ChatStatusBanner />
 */
export function ChatStatusBanner() {
  return (
    <Chat.StatusBanner className="vck-banner">{(state) => <BannerContent state={state} />}</Chat.StatusBanner>
  );
}

function BannerContent({ state }: { readonly state: ChatBannerState }) {
  const labels = useLabels();
  switch (state.kind) {
    case 'error':
      return (
        <>
          <AlertIcon />
          <span className="vck-banner-text">{labels.errorMessage(state.error.code, state.error.status)}</span>
        </>
      );
    case 'offline':
      return (
        <>
          <OfflineIcon />
          <span className="vck-banner-text">{labels.offline}</span>
        </>
      );
    case 'rate-limited':
      return (
        <>
          <ClockIcon />
          <span className="vck-banner-text">
            <Countdown until={state.until} format={labels.rateLimited} />
          </span>
        </>
      );
    case 'busy-elsewhere':
      return <span className="vck-banner-text">{labels.busyElsewhere}</span>;
    default:
      state satisfies never;
      return null;
  }
}

/**
 * Whole seconds left until `until` (epoch ms), ticking once a second.
 *
 * @example
 * <Countdown until={rateLimitedUntil} format={(s) => `Retrying in ${s} s`} />
 */
export function Countdown({
  until,
  format,
}: {
  readonly until: number;
  readonly format: (seconds: number) => string;
}) {
  const [now, setNow] = useState(() => Date.now());
  // Announced once: a live region that changed every second would talk over everything else.
  const [announced] = useState(() => format(Math.max(0, Math.ceil((until - Date.now()) / 1000))));
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [until]);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  return (
    <>
      <span aria-hidden="true" data-seconds={seconds}>
        {format(seconds)}
      </span>
      <span className="vck-visually-hidden">{announced}</span>
    </>
  );
}
