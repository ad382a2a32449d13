import type { ResolvedEmulatorOptions } from '../emulator-options';
import { NestException } from '../http/nest-exception';
import type { ResolvedAssistant } from './assistant-config';
import { substituteVariables } from './substitute-variables';
import { techflowAssistant } from './techflow-assistant';

/** The assistant-related fields of a chat or session request. */
export interface AssistantSelection {
  readonly assistantId?: string;
  readonly assistant?: Record<string, unknown>;
  readonly squadId?: string;
  readonly squad?: Record<string, unknown>;
  readonly assistantOverrides?: Record<string, unknown>;
}

/**
 * Picks the assistant of a turn or session and fills its `{{variables}}` from
 * `assistantOverrides.variableValues`. `assistantId` wins over `assistant` (as `CreateSessionDTO`
 * documents); a transient `assistant` takes its prompt from `model.messages` (role `system`) or
 * `model.systemPrompt`; a squad runs the built-in TechFlow model. Returns undefined when nothing
 * selects an assistant.
 *
 * @example
 * resolveAssistant(options, { assistantId: defaultAssistantId, assistantOverrides: { variableValues: { name: 'Alice' } } });
 */
export function resolveAssistant(
  options: ResolvedEmulatorOptions,
  selection: AssistantSelection,
): ResolvedAssistant | undefined {
  const variableValues = readVariableValues(selection.assistantOverrides);
  const fill = (text: string | undefined): string | undefined =>
    text === undefined ? undefined : substituteVariables(text, variableValues);

  if (selection.assistantId !== undefined) {
    const config = options.assistants.find((candidate) => candidate.id === selection.assistantId);
    if (config === undefined) {
      throw new NestException(options.unknownReferenceStatus, `Assistant ${selection.assistantId} not found`);
    }
    return withoutUndefined({
      id: config.id,
      name: config.name,
      systemPrompt: fill(config.systemPrompt),
      firstMessage: fill(config.firstMessage),
      reply: config.reply,
      variableValues,
    });
  }
  if (selection.assistant !== undefined) {
    const transient = selection.assistant;
    return withoutUndefined({
      name: typeof transient.name === 'string' ? transient.name : 'Assistant',
      systemPrompt: fill(transientSystemPrompt(transient)),
      firstMessage: fill(typeof transient.firstMessage === 'string' ? transient.firstMessage : undefined),
      variableValues,
    });
  }
  if (selection.squadId !== undefined || selection.squad !== undefined) {
    return withoutUndefined({
      name: techflowAssistant.name,
      systemPrompt: fill(techflowAssistant.systemPrompt),
      firstMessage: fill(techflowAssistant.firstMessage),
      variableValues,
    });
  }
  return undefined;
}

/** `assistantOverrides.variableValues`, or an empty record. */
export function readVariableValues(overrides: Record<string, unknown> | undefined): Record<string, unknown> {
  const values = overrides?.variableValues;
  return typeof values === 'object' && values !== null ? (values as Record<string, unknown>) : {};
}

function transientSystemPrompt(assistant: Record<string, unknown>): string | undefined {
  const model = assistant.model;
  if (typeof model !== 'object' || model === null) return undefined;
  const { messages, systemPrompt } = model as { messages?: unknown; systemPrompt?: unknown };
  if (Array.isArray(messages)) {
    const system = messages.find(
      (message: unknown) =>
        typeof message === 'object' && message !== null && (message as { role?: unknown }).role === 'system',
    ) as { content?: unknown } | undefined;
    if (typeof system?.content === 'string') return system.content;
  }
  return typeof systemPrompt === 'string' ? systemPrompt : undefined;
}

function withoutUndefined(assistant: {
  id?: string | undefined;
  name: string;
  systemPrompt?: string | undefined;
  firstMessage?: string | undefined;
  reply?: ResolvedAssistant['reply'] | undefined;
  variableValues?: ResolvedAssistant['variableValues'];
}): ResolvedAssistant {
  return Object.fromEntries(
    Object.entries(assistant).filter(([, value]) => value !== undefined),
  ) as unknown as ResolvedAssistant;
}
