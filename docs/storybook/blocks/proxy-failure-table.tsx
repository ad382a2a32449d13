// Vapi's failures as the proxy reports them, for the guide's proxy page: the codes, statuses and texts
// come from the proxy's own table (failureByCode), so the page cannot disagree with the server.
import { failureByCode } from '../../../packages/proxy/src/turn/turn-event';
import { InlineCode } from './table';

/** When each code happens. Typed by the proxy's codes: a new code does not compile until it is described. */
const when: Readonly<Record<keyof typeof failureByCode, string>> = {
  upstream_unauthorized: "Vapi refused the proxy's private key (401, 403)",
  payment_required: "Vapi's account needs billing attention (402)",
  rate_limited: "Vapi rate-limited the proxy (429); `retryAfter` is Vapi's `Retry-After`",
  upstream_error: 'Vapi answered 5xx, could not be reached, broke the stream, or sent a reply with no text',
  timeout: 'the turn ran longer than its maximum (`MAX_TURN_SECONDS`, 120 s)',
  internal_error: 'anything unexpected in the proxy',
};

/**
 * A table of the stream's error codes: the status `POST /v1/chat` answers with, the `error` text, and when.
 *
 * @example
 * <ProxyFailureTable />
 */
export function ProxyFailureTable() {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">
            <code>code</code>
          </th>
          <th scope="col">Status</th>
          <th scope="col">
            <code>error</code>
          </th>
          <th scope="col">When</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(failureByCode).map(([code, { status, error }]) => (
          <tr key={code}>
            <td>
              <code>{code}</code>
            </td>
            <td>{status}</td>
            <td>{error}</td>
            <td>
              <InlineCode text={when[code as keyof typeof failureByCode]} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
