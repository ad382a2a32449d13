import type { ChatMessage, ChatMessageRole } from '../protocol/chat-message';

const roles: readonly ChatMessageRole[] = ['system', 'user', 'assistant', 'tool', 'developer'];

/** Vapi caps message content at 10,000 characters (reference §2.1). */
export const maxContentLength = 10_000;

/**
 * Checks `input` (a string or OpenAI-style messages, reference §2.1) and returns it as messages.
 * Problems are pushed onto `problems` in class-validator's wording; the result is then unusable.
 *
 * @example
 * validateInput('Hello', []); // [{ role: 'user', content: 'Hello' }]
 */
export function validateInput(input: unknown, problems: string[]): ChatMessage[] {
  if (typeof input === 'string') {
    if (input.length === 0) problems.push('input should not be empty');
    if (input.length > maxContentLength) {
      problems.push(`input must be shorter than or equal to ${maxContentLength} characters`);
    }
    return [{ role: 'user', content: input }];
  }
  if (!Array.isArray(input)) {
    problems.push('input must be a string or an array of messages');
    return [];
  }
  if (input.length === 0) problems.push('input should not be empty');
  const messages: ChatMessage[] = [];
  input.forEach((item: unknown, index) => {
    const where = `input.${index}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`${where} must be a message object`);
      return;
    }
    const message = item as Record<string, unknown>;
    const role = message.role;
    if (typeof role !== 'string' || !roles.includes(role as ChatMessageRole)) {
      problems.push(`${where}.role must be one of the following values: ${roles.join(', ')}`);
      return;
    }
    const content = message.content;
    const contentOptional = role === 'assistant';
    if (content === undefined || content === null) {
      if (!contentOptional) problems.push(`${where}.content must be a string`);
    } else if (typeof content !== 'string') {
      problems.push(`${where}.content must be a string`);
    } else if (content.length > maxContentLength) {
      problems.push(`${where}.content must be shorter than or equal to ${maxContentLength} characters`);
    }
    if (message.name !== undefined && (typeof message.name !== 'string' || message.name.length > 40)) {
      problems.push(`${where}.name must be a string of at most 40 characters`);
    }
    if (role === 'tool' && typeof message.tool_call_id !== 'string') {
      problems.push(`${where}.tool_call_id must be a string`);
    }
    messages.push(message as unknown as ChatMessage);
  });
  return messages;
}
