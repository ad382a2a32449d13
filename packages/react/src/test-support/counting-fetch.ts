import type { Emulator } from '@vapi-chat-kit/emulator';

/**
 * The emulator's fetch, counting requests by path, with an optional fault header per request (by its
 * index, from 0) through the emulator's test-mode `x-emulator-fault`.
 */
export function countingFetch(
  emulator: Emulator,
  faults: (index: number, request: Request) => string | undefined = () => undefined,
): { fetch: typeof fetch; requests: { method: string; path: string; body: string }[] } {
  const requests: { method: string; path: string; body: string }[] = [];
  const fetcher = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.method === 'GET' ? '' : await request.clone().text();
    const fault = faults(requests.length, request);
    requests.push({ method: request.method, path: new URL(request.url).pathname, body });
    const headers = new Headers(request.headers);
    if (fault !== undefined) headers.set('x-emulator-fault', fault);
    return emulator.fetch(new Request(request, { headers }));
  };
  return { fetch: fetcher, requests };
}
