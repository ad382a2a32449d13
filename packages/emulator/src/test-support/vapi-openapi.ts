import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

// The chat part of Vapi's OpenAPI spec, kept beside the project's root with the rest of the reference.
const specUrl = new URL('../../../../../shared/reference/vapi-openapi-chat.json', import.meta.url);

function loadSpec(): { components: { schemas: Record<string, unknown> } } {
  const path = fileURLToPath(specUrl);
  if (!existsSync(path)) {
    throw new Error(`Vapi's OpenAPI spec is expected at ${path} (shared/reference, beside the project root)`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as { components: { schemas: Record<string, unknown> } };
}

/** An OpenAI-style message of one role: what Vapi's chats really carry (reference §2.1). */
function openAiMessage(role: string): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      role: { type: 'string', enum: [role] },
      content: { type: 'string' },
      name: { type: 'string' },
    },
    required: ['role', 'content'],
  };
}

const spec = loadSpec();
// The spec's one known defect (reference §2.1): `SystemMessage` and `UserMessage` resolve to the voice-call
// transcript schemas, which no chat message matches. Everything else is validated as published.
spec.components.schemas['SystemMessage'] = openAiMessage('system');
spec.components.schemas['UserMessage'] = openAiMessage('user');

const ajv = new Ajv({ strict: false, allErrors: true, discriminator: true });
addFormats(ajv);
ajv.addSchema(spec, 'vapi');

/**
 * The problems of `value` against the component schema `name` of Vapi's spec (`Chat`, `Session`,
 * `CreateChatStreamResponse`, …), as `path message` lines; empty when it conforms.
 */
export function specProblems(name: string, value: unknown): string[] {
  const validate = ajv.getSchema(`vapi#/components/schemas/${name}`);
  if (validate === undefined) throw new Error(`No schema ${name} in Vapi's spec`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
