import type { ChatMessage } from '../protocol/chat-message';

/**
 * What a fake model sees for one turn: the whole conversation so far (history plus this turn's
 * input) and the assistant, with variables already substituted.
 *
 * @example
 * const reply: ReplyFunction = (context: ReplyContext) => `You said: ${context.userText}`;
 */
export interface ReplyContext {
  readonly messages: readonly ChatMessage[];
  readonly assistant: ResolvedAssistant;
  /** The text of the last user message of the turn ('' when there is none). */
  readonly userText: string;
}

/**
 * A scripted model: returns the whole reply text for a turn. It must be deterministic for tests.
 *
 * @example
 * const echo: ReplyFunction = ({ userText }) => userText;
 */
export type ReplyFunction = (context: ReplyContext) => string;

/**
 * A saved assistant the emulator accepts as `assistantId`.
 *
 * @example
 * const support: AssistantConfig = {
 *   id: '11111111-2222-4333-8444-555555555555',
 *   name: 'Support',
 *   systemPrompt: 'You help {{company}} customers.',
 *   firstMessage: 'Hi {{name}}, how can I help?',
 * };
 */
export interface AssistantConfig {
  readonly id: string;
  readonly name: string;
  /** May hold `{{variables}}`, filled from `assistantOverrides.variableValues`. */
  readonly systemPrompt?: string;
  /** May hold `{{variables}}`. The built-in model answers a greeting with it. */
  readonly firstMessage?: string;
  /** Replaces the built-in TechFlow model for this assistant. */
  readonly reply?: ReplyFunction;
}

/**
 * The assistant a turn runs with, after variable substitution. `id` is absent for transient assistants.
 *
 * @example
 * const reply: ReplyFunction = ({ assistant }: { assistant: ResolvedAssistant }) => `I am ${assistant.name}`;
 */
export interface ResolvedAssistant {
  readonly id?: string;
  readonly name: string;
  readonly systemPrompt?: string;
  readonly firstMessage?: string;
  readonly reply?: ReplyFunction;
  /** The turn's `assistantOverrides.variableValues` (a model may use them, as a prompt's `{{…}}` does). */
  readonly variableValues?: Readonly<Record<string, unknown>>;
}
