import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../protocol/chat-message';
import { techflowReply } from './techflow-reply';

const assistant = { name: 'TechFlow Support' };

function reply(messages: ChatMessage[]): string {
  const last = messages.at(-1);
  return techflowReply({
    messages,
    assistant,
    userText: typeof last?.content === 'string' ? last.content : '',
  });
}

describe('techflowReply', () => {
  it("greets a signed-in customer by name and plan, from the turn's variable values", () => {
    const signedIn = {
      ...assistant,
      firstMessage: 'Hi! How can I help?',
      variableValues: { customerName: 'Alice', plan: 'Team' },
    };
    const answer = (content: string, messages: ChatMessage[] = []) =>
      techflowReply({
        messages: [...messages, { role: 'user', content }],
        assistant: signedIn,
        userText: content,
      });
    expect(answer('Hello')).toBe(
      "Hi Alice! I see you're on the Team plan. How can I help you with TechFlow today?",
    );
    expect(answer("What's my name?")).toBe('Your name is Alice.');
    // A name given in the conversation still wins.
    expect(answer("What's my name?", [{ role: 'user', content: 'My name is Al' }])).toBe('Your name is Al.');
    expect(answer('Where is my invoice?')).toMatch(/^You are on the \*\*Team\*\* plan\./);
    // Without variables, the usual greeting.
    expect(reply([{ role: 'user', content: 'Hello' }])).toBe(
      "Hi! I'm TechFlow Support. How can I help you today?",
    );
  });

  it('picks a topic from the question', () => {
    expect(reply([{ role: 'user', content: 'I forgot my password' }])).toContain(
      'To reset your TechFlow password:',
    );
    expect(reply([{ role: 'user', content: 'Where is my invoice?' }])).toContain(
      '| Plan | Price per month | Seats | SSO |',
    );
    expect(reply([{ role: 'user', content: 'Where do I create an API key?' }])).toContain('```bash');
    expect(reply([{ role: 'user', content: 'Do you have audit logs?' }])).toContain(
      'TechFlow Enterprise adds:',
    );
  });

  it('remembers the last name given anywhere in the history', () => {
    expect(
      reply([
        { role: 'user', content: 'My name is Alice' },
        { role: 'assistant', content: 'Nice to meet you, Alice!' },
        { role: 'user', content: 'Actually my name is Bea' },
        { role: 'assistant', content: 'Nice to meet you, Bea!' },
        { role: 'user', content: 'Who am I?' },
      ]),
    ).toBe('Your name is Bea.');
    expect(reply([{ role: 'user', content: "What's my name?" }])).toBe(
      "I don't know your name yet. Tell me with *My name is …*.",
    );
  });

  it('greets with the first message when the assistant has one', () => {
    expect(
      techflowReply({
        messages: [],
        assistant: { name: 'X', firstMessage: 'Welcome!' },
        userText: 'Hello there',
      }),
    ).toBe('Welcome!');
    expect(reply([{ role: 'user', content: 'hey' }])).toBe(
      "Hi! I'm TechFlow Support. How can I help you today?",
    );
  });

  it('quotes an unknown question before the overview', () => {
    expect(reply([{ role: 'user', content: 'Can you juggle?' }])).toBe(
      [
        'You asked: "Can you juggle?". I can help with these TechFlow topics:',
        '',
        '- **Password reset**: signing in again',
        '- **Billing**: plans, invoices and prices',
        '- **API keys and rate limits**',
        '- **Enterprise features**: SSO, audit logs, data residency',
        '',
        'Ask about any of them, for example: *How do I reset my password?*',
      ].join('\n'),
    );
  });
});
