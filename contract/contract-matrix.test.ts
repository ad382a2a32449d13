import { VapiChatError, type ChatMessage } from '@vapi-chat-kit/core';
import { billingMessages, emulatorVariants, type EmulatorVariantName } from '@vapi-chat-kit/emulator';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createWorld, transportNames, type TransportName, type World } from './world';

// Every transport against every answer Vapi may give where its behaviour is unknown (reference §15): a
// conversation that states a name and asks for it on turn three, with turn two stopped, cut, refused, or
// Vapi losing the conversation before turn three. The kit must keep the name, never shorten or remove a
// reply the user saw, surface every failure as a typed error with Vapi's message, and let Retry through.

const variants: readonly (EmulatorVariantName | 'baseline')[] = [
  'baseline',
  ...emulatorVariants.map((variant) => variant.name),
];

const streamErrorVariants = new Set<string>([
  'stream-error-nest',
  'stream-error-reason',
  'stream-error-field',
  'stream-error-list',
]);

const scenarios = [
  'three turns',
  'a stop in turn two',
  'a cut stream in turn two',
  'the billing gate in turn two',
  'Vapi loses the conversation before turn three',
  'a day passes before turn three',
] as const;
type Scenario = (typeof scenarios)[number];

const tally = { passed: 0, failed: 0 };
afterEach(({ task }) => {
  if (task.result?.state === 'pass') tally.passed += 1;
  else tally.failed += 1;
});
afterAll(() => {
  const pairs = variants.length * transportNames.length;
  process.stdout.write(
    `\ncontract matrix — variants × transports: ${variants.length} × ${transportNames.length} = ${pairs} pairs, ` +
      `${scenarios.length} conversations each: ${tally.passed} passed, ${tally.failed} failed\n`,
  );
});

/** Sends one turn; the outcome as the user sees it. */
async function say(world: World, text: string) {
  await world.store.getState().send(text);
  return lastTurn(world);
}

function lastTurn(world: World) {
  const { messages, status, error } = world.store.getState();
  const userIndex = messages.findLastIndex((message) => message.role === 'user');
  const user = messages[userIndex];
  const reply: ChatMessage | undefined = messages
    .slice(userIndex + 1)
    .find((message) => message.role === 'assistant');
  return { user, reply, status, error };
}

/** The turn completed: a reply with text, the chat idle. */
function expectReply(world: World, turn: ReturnType<typeof lastTurn>): string {
  expect(turn.error, `unexpected error: ${turn.error?.name} ${turn.error?.message}`).toBeUndefined();
  expect(turn.status).toBe('idle');
  expect(turn.reply?.status).toBe('done');
  expect(turn.reply?.text.length).toBeGreaterThan(0);
  return turn.reply?.text ?? '';
}

/** The turn failed visibly: a typed error, the user's text kept, and something to retry. */
function expectTypedFailure(turn: ReturnType<typeof lastTurn>) {
  expect(turn.status).toBe('error');
  expect(VapiChatError.isInstance(turn.error)).toBe(true);
  expect(turn.error?.message.length).toBeGreaterThan(0);
  expect(turn.user?.text.length).toBeGreaterThan(0);
  const failed = turn.reply?.status === 'failed' ? turn.reply : turn.user;
  expect(failed?.status).toBe('failed');
  return { error: turn.error!, retryId: failed!.id, partial: turn.reply };
}

function until(world: World, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done()) return resolve();
    const unsubscribe = world.store.subscribe(() => {
      if (!done()) return;
      unsubscribe();
      resolve();
    });
  });
}

async function run(variant: EmulatorVariantName | 'baseline', transport: TransportName, scenario: Scenario) {
  const world = createWorld(variant, transport);
  const direct = !world.usesProxy;
  expect(expectReply(world, await say(world, 'My name is Alice'))).toContain('Nice to meet you, Alice');

  switch (scenario) {
    case 'three turns':
      expectReply(world, await say(world, 'How do I reset my password?'));
      break;

    case 'a stop in turn two': {
      world.fault = 'stall-after=2';
      const sent = world.store.getState().send('How do I reset my password?');
      await until(world, () => (lastTurn(world).reply?.text.length ?? 0) > 0);
      const shown = lastTurn(world).reply?.text ?? '';
      world.store.getState().stop();
      await sent;
      world.fault = '';
      const stopped = lastTurn(world);
      expect([stopped.status, stopped.error, stopped.reply?.status]).toEqual(['idle', undefined, 'stopped']);
      expect(stopped.reply?.text).toBe(shown);
      // The next turn goes at once: the proxy waits for the stopped turn to finish storing its reply.
      break;
    }

    case 'a cut stream in turn two': {
      // A connection reset mid-event; with the in-stream error variants, Vapi's error chunk.
      world.fault = streamErrorVariants.has(variant) ? 'cut-after=2' : 'cut-after=2, cut-mode=reset';
      const failure = expectTypedFailure(await say(world, 'How do I reset my password?'));
      if (direct && streamErrorVariants.has(variant)) {
        expect(failure.error.message).toContain('The stream was interrupted.');
      }
      world.fault = '';
      await world.settled();
      if (failure.partial !== undefined) world.expectReplaced(failure.partial.id);
      await world.store.getState().retry(failure.retryId);
      expectReply(world, lastTurn(world));
      break;
    }

    case 'the billing gate in turn two': {
      world.fault = 'payment-required';
      const failure = expectTypedFailure(await say(world, 'How do I reset my password?'));
      expect(failure.partial).toBeUndefined();
      // Where Vapi gave a status (HTTP 402, or `statusCode` in the chunk) it picks the class; a Responses
      // `error` event and the `{error}` and `{message: [...]}` chunks carry none: an upstream error then.
      const statusGiven =
        !streamErrorVariants.has(variant) ||
        (['stream-error-nest', 'stream-error-reason'].includes(variant) &&
          transport !== 'responsesTransport');
      if (direct) {
        // Vapi's own message reaches the app.
        expect(failure.error.message).toContain(billingMessages['payment-method']);
        expect(failure.error.code).toBe(statusGiven ? 'payment-required' : 'upstream');
      } else if (statusGiven) {
        // The proxy never passes Vapi's text on; its own code and message stand for it.
        expect([failure.error.code, failure.error.message]).toEqual([
          'payment-required',
          'The Vapi account needs billing attention',
        ]);
      }
      world.fault = '';
      await world.store.getState().retry(failure.retryId);
      expectReply(world, lastTurn(world));
      break;
    }

    case 'Vapi loses the conversation before turn three':
      expectReply(world, await say(world, 'How do I reset my password?'));
      world.emulator.reset();
      break;

    case 'a day passes before turn three':
      expectReply(world, await say(world, 'How do I reset my password?'));
      world.advance(25 * 60 * 60 * 1000);
      break;

    default:
      scenario satisfies never;
  }

  expect(expectReply(world, await say(world, "What's my name?"))).toContain('Your name is Alice');
  expect(world.violations).toEqual([]);
  // Each replacement of a chain is said once: never twice for one attempt.
  expect(world.chainNotices.filter((count) => count > 1)).toEqual([]);
}

describe.each(variants)('Vapi variant: %s', (variant) => {
  describe.each(transportNames)('%s', (transport) => {
    it.each(scenarios)('%s', async (scenario) => {
      await run(variant, transport, scenario);
    });
  });
});
