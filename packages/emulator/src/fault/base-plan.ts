import type { ResolvedEmulatorOptions } from '../emulator-options';
import type { FaultPlan } from './fault-plan';
import { parseFaultHeader } from './parse-fault-header';

/**
 * The plan every request starts from: the §13.2 switches (and the stream shapes of §15) expressed as
 * faults, overlaid with the `faults` option.
 * `faults` option. A request's `x-emulator-fault` header is laid over this in test mode.
 *
 * @example
 * basePlan(resolveEmulatorOptions({ terminalEvent: 'done' })).doneMarker; // true
 */
export function basePlan(options: ResolvedEmulatorOptions): FaultPlan {
  const fromSwitches: FaultPlan = {
    deltaDelayMs: options.deltaDelayMs,
    doneMarker: options.terminalEvent === 'done' || options.terminalEvent === 'both',
    outputEvent: options.terminalEvent === 'output' || options.terminalEvent === 'both',
    distinctStreamId: options.streamId === 'distinct',
    eventLines: options.sseEventLines,
    pingMs: options.pingIntervalMs,
    splitBytes: options.writeSplitBytes,
    cutMode: options.midStreamFailure,
    toolCalls: options.toolCalls,
    unterminatedLastEvent: options.unterminatedLastEvent,
    ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
  };
  const configured = typeof options.faults === 'string' ? parseFaultHeader(options.faults) : options.faults;
  return { ...fromSwitches, ...configured };
}
