import OpenAI from 'openai';
import type {
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
} from 'openai/resources/responses/responses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveEmulator, type EmulatorServer } from '../cli';
import { defaultAssistantId, defaultPrivateKey } from '../default-credentials';

// The official OpenAI client against /chat/responses over loopback, as Vapi's docs use it
// (reference §6: baseURL = `${vapi}/chat`). Vapi-only fields travel as extra body properties:
// the SDK sends the params object as the body, and excess-property checks only apply to literals.

let server: EmulatorServer;
let client: OpenAI;

beforeAll(async () => {
  server = await serveEmulator({ port: 0, host: '127.0.0.1' });
  client = new OpenAI({ apiKey: defaultPrivateKey, baseURL: `${server.url}/chat`, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
});

describe('openai client against /chat/responses', () => {
  it('streams a reply with responses.create({ stream: true })', async () => {
    const params: ResponseCreateParamsStreaming & { assistantId: string } = {
      model: 'gpt-4o',
      input: 'My name is Alice',
      stream: true,
      assistantId: defaultAssistantId,
    };
    const stream = await client.responses.create(params);
    const types: string[] = [];
    let text = '';
    let completedId = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completedId = event.response.id;
    }
    expect(text).toBe('Nice to meet you, Alice! How can I help you with TechFlow today?');
    expect(types.at(-2)).toBe('response.output_text.done');
    expect(types.at(-1)).toBe('response.completed');
    expect(completedId).not.toBe('');
  });

  it('answers without streaming, and chains with previousChatId = response.id', async () => {
    const first: ResponseCreateParamsNonStreaming & { assistantId: string } = {
      model: 'gpt-4o',
      input: 'My name is Alice',
      stream: false,
      assistantId: defaultAssistantId,
    };
    const response = await client.responses.create(first);
    expect(response.object).toBe('response');
    expect(response.output_text).toBe('Nice to meet you, Alice! How can I help you with TechFlow today?');

    const second: ResponseCreateParamsNonStreaming & { previousChatId: string } = {
      model: 'gpt-4o',
      input: "What's my name?",
      stream: false,
      previousChatId: response.id,
    };
    const chained = await client.responses.create(second);
    expect(chained.output_text).toBe('Your name is Alice.');
  });

  it('surfaces the emulator’s 401 as an AuthenticationError', async () => {
    const wrongKey = new OpenAI({
      apiKey: 'emulator-public-key',
      baseURL: `${server.url}/chat`,
      maxRetries: 0,
    });
    const params: ResponseCreateParamsNonStreaming & { assistantId: string } = {
      model: 'gpt-4o',
      input: 'hi',
      stream: false,
      assistantId: defaultAssistantId,
    };
    await expect(wrongKey.responses.create(params)).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });
});
