import { describe, expect, it } from 'vitest';
import { NestException } from '../http/nest-exception';
import { parseFaultHeader } from './parse-fault-header';

describe('parseFaultHeader', () => {
  it('reads the example of the README', () => {
    expect(parseFaultHeader('cut-after=20, latency=200, split=1, done-marker')).toEqual({
      cutAfter: 20,
      latencyMs: 200,
      splitBytes: 1,
      doneMarker: true,
    });
  });

  it('reads every flag, number and shorthand', () => {
    expect(
      parseFaultHeader(
        'output-event,event-lines,id-lines,crlf,distinct-stream-id,tool-calls,unterminated,delay=5,retry=3000,ping=10,stall-after=4,cut-mode=reset',
      ),
    ).toEqual({
      unterminatedLastEvent: true,
      outputEvent: true,
      eventLines: true,
      idLines: true,
      crlf: true,
      distinctStreamId: true,
      toolCalls: true,
      deltaDelayMs: 5,
      retryMs: 3000,
      pingMs: 10,
      stallAfter: 4,
      cutMode: 'reset',
    });
    expect(parseFaultHeader('tps=50')).toEqual({ deltaDelayMs: 20 });
    expect(parseFaultHeader('stall')).toEqual({ stallAfter: 0 });
    expect(parseFaultHeader('rate-limit')).toEqual({ status: 429 });
    expect(parseFaultHeader('rate-limit=7')).toEqual({ status: 429, retryAfterSeconds: 7 });
    expect(parseFaultHeader('status=429, retry-after=none')).toEqual({
      status: 429,
      retryAfterSeconds: null,
    });
    expect(parseFaultHeader('payment-required, billing=credits')).toEqual({
      status: 402,
      billing: 'credits',
    });
    expect(parseFaultHeader('server-error')).toEqual({ status: 500 });
    expect(parseFaultHeader('done-marker=off')).toEqual({ doneMarker: false });
  });

  it('ignores case, spaces and empty items', () => {
    expect(parseFaultHeader('  Done-Marker ,, CRLF ')).toEqual({ doneMarker: true, crlf: true });
    expect(parseFaultHeader('')).toEqual({});
  });

  it('throws a 400 listing every bad item', () => {
    let caught: unknown;
    try {
      parseFaultHeader('explode, cut-after=many, cut-mode=melt');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NestException);
    expect((caught as NestException).toBody()).toEqual({
      message: [
        'x-emulator-fault: unknown fault "explode"',
        'x-emulator-fault: cut-after needs a non-negative number',
        'x-emulator-fault: cut-mode must be one of close, reset, error-event',
      ],
      error: 'Bad Request',
      statusCode: 400,
    });
  });
});
