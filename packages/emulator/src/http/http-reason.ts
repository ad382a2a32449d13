// The reason phrases Nest puts in the `error` field of its error body (reference §10).
const reasons: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * The HTTP reason phrase for a status, as Nest writes it in `error`.
 *
 * @example
 * httpReason(429); // 'Too Many Requests'
 */
export function httpReason(status: number): string {
  return reasons[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}
