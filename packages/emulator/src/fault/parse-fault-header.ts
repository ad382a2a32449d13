import { NestException } from '../http/nest-exception';
import type { CutMode, FaultPlan } from './fault-plan';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const flags = {
  'done-marker': 'doneMarker',
  'output-event': 'outputEvent',
  'event-lines': 'eventLines',
  'id-lines': 'idLines',
  crlf: 'crlf',
  'distinct-stream-id': 'distinctStreamId',
  'tool-calls': 'toolCalls',
  unterminated: 'unterminatedLastEvent',
} as const satisfies Record<string, keyof FaultPlan>;

const numbers = {
  latency: 'latencyMs',
  delay: 'deltaDelayMs',
  'cut-after': 'cutAfter',
  'stall-after': 'stallAfter',
  retry: 'retryMs',
  ping: 'pingMs',
  split: 'splitBytes',
  status: 'status',
} as const satisfies Record<string, keyof FaultPlan>;

const statusShorthands: Readonly<Record<string, number>> = {
  'rate-limit': 429,
  'payment-required': 402,
  'server-error': 500,
};

const cutModes: readonly CutMode[] = ['close', 'reset', 'error-event'];

/**
 * Parses the fault grammar used by the `x-emulator-fault` header and by the `faults` option:
 * a comma-separated list of `name` or `name=value` items, e.g. `cut-after=20, latency=200, split=1, done-marker`.
 * Names are case-insensitive; spaces around items are ignored. A bad item throws a 400 so a
 * misspelt fault never passes silently. The README lists every name.
 *
 * @example
 * parseFaultHeader('rate-limit, retry-after=3'); // { status: 429, retryAfterSeconds: 3 }
 */
export function parseFaultHeader(header: string): FaultPlan {
  const plan: Mutable<FaultPlan> = {};
  const problems: string[] = [];
  for (const rawItem of header.split(',')) {
    const item = rawItem.trim();
    if (item === '') continue;
    const separator = item.indexOf('=');
    const name = (separator === -1 ? item : item.slice(0, separator)).trim().toLowerCase();
    const value = separator === -1 ? undefined : item.slice(separator + 1).trim();

    if (name in flags) {
      const key = flags[name as keyof typeof flags];
      const enabled = parseFlag(value);
      if (enabled === undefined) problems.push(`x-emulator-fault: ${name} takes no value or on/off`);
      else plan[key] = enabled;
    } else if (name in numbers) {
      const amount = value === undefined ? Number.NaN : Number(value);
      if (!Number.isFinite(amount) || amount < 0) {
        problems.push(`x-emulator-fault: ${name} needs a non-negative number`);
      } else {
        plan[numbers[name as keyof typeof numbers]] = amount;
      }
    } else if (name === 'tps') {
      const rate = value === undefined ? Number.NaN : Number(value);
      if (!Number.isFinite(rate) || rate <= 0) problems.push('x-emulator-fault: tps needs a positive number');
      else plan.deltaDelayMs = 1000 / rate;
    } else if (name === 'stall') {
      plan.stallAfter = value === undefined ? 0 : Number(value);
      if (!Number.isFinite(plan.stallAfter) || plan.stallAfter < 0) {
        problems.push('x-emulator-fault: stall takes no value or a number of deltas');
      }
    } else if (name in statusShorthands) {
      plan.status = statusShorthands[name];
      if (value !== undefined && name === 'rate-limit')
        plan.retryAfterSeconds = parseRetryAfter(value, problems);
    } else if (name === 'retry-after') {
      plan.retryAfterSeconds = parseRetryAfter(value, problems);
    } else if (name === 'billing') {
      if (value === 'payment-method' || value === 'credits') plan.billing = value;
      else problems.push('x-emulator-fault: billing must be payment-method or credits');
    } else if (name === 'cut-mode') {
      if (cutModes.includes(value as CutMode)) plan.cutMode = value as CutMode;
      else problems.push(`x-emulator-fault: cut-mode must be one of ${cutModes.join(', ')}`);
    } else {
      problems.push(`x-emulator-fault: unknown fault "${name}"`);
    }
  }
  if (problems.length > 0) throw new NestException(400, problems);
  return plan;
}

function parseFlag(value: string | undefined): boolean | undefined {
  if (value === undefined) return true;
  const lowered = value.toLowerCase();
  if (lowered === 'on' || lowered === 'true' || lowered === '1') return true;
  if (lowered === 'off' || lowered === 'false' || lowered === '0') return false;
  return undefined;
}

function parseRetryAfter(value: string | undefined, problems: string[]): number | null | undefined {
  if (value === 'none') return null;
  const seconds = value === undefined ? Number.NaN : Number(value);
  if (!Number.isInteger(seconds) || seconds < 0) {
    problems.push('x-emulator-fault: retry-after needs whole seconds or none');
    return undefined;
  }
  return seconds;
}
