import { describe, expect, it } from 'vitest';
import { createEmulator } from '../create-emulator';
import { defaultAssistantId } from '../default-credentials';
import { resolveEmulatorOptions } from '../emulator-options';
import { basePlan } from './base-plan';

describe('basePlan', () => {
  it('starts from the defaults: no faults, no framing extras, one write per event', () => {
    expect(basePlan(resolveEmulatorOptions({}))).toEqual({
      deltaDelayMs: 0,
      doneMarker: false,
      outputEvent: false,
      distinctStreamId: false,
      eventLines: false,
      pingMs: 0,
      splitBytes: 0,
      cutMode: 'close',
      toolCalls: false,
      unterminatedLastEvent: false,
    });
  });

  it('turns the §13.2 switches into faults', () => {
    expect(
      basePlan(
        resolveEmulatorOptions({
          deltaDelayMs: 15,
          terminalEvent: 'output',
          streamId: 'distinct',
          sseEventLines: true,
          pingIntervalMs: 1000,
          retryMs: 3000,
          writeSplitBytes: 3,
          midStreamFailure: 'error-event',
          toolCalls: true,
          unterminatedLastEvent: true,
        }),
      ),
    ).toEqual({
      deltaDelayMs: 15,
      doneMarker: false,
      outputEvent: true,
      distinctStreamId: true,
      eventLines: true,
      pingMs: 1000,
      retryMs: 3000,
      splitBytes: 3,
      cutMode: 'error-event',
      toolCalls: true,
      unterminatedLastEvent: true,
    });
  });

  it('lays the faults option over the switches, as a string or as a plan', () => {
    expect(
      basePlan(resolveEmulatorOptions({ terminalEvent: 'done', faults: 'done-marker=off, cut-after=2' })),
    ).toMatchObject({
      doneMarker: false,
      cutAfter: 2,
    });
    expect(basePlan(resolveEmulatorOptions({ faults: { splitBytes: 1, latencyMs: 5 } }))).toMatchObject({
      splitBytes: 1,
      latencyMs: 5,
    });
  });

  it('shapes every stream of an emulator configured with switches', async () => {
    const emulator = createEmulator({ writeSplitBytes: 4, sseEventLines: true, retryMs: 1500 });
    const response = await emulator.app.request('/chat', {
      method: 'POST',
      headers: { Authorization: 'Bearer emulator-private-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({ assistantId: defaultAssistantId, input: 'My name is Alice', stream: true }),
    });
    const chunks: Uint8Array[] = [];
    for await (const chunk of response.body!) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.length <= 4)).toBe(true);
    const text = new TextDecoder().decode(new Uint8Array(chunks.flatMap((chunk) => [...chunk])));
    expect(text.startsWith('retry: 1500\n\nevent: delta\ndata: {"id":')).toBe(true);
  });
});
