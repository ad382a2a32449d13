import { useSyncExternalStore } from 'react';

function subscribe(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

const getSnapshot = (): boolean => (typeof navigator === 'undefined' ? true : navigator.onLine);
const getServerSnapshot = (): boolean => true;

/**
 * Whether the browser says it is online (`navigator.onLine` and the `online`/`offline` events); `true`
 * on a server. Going back online never re-sends anything: the user decides with Retry.
 *
 * @example
 * const online = useOnlineStatus();
 * return online ? null : <p>You are offline.</p>;
 */
export function useOnlineStatus(): boolean {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
