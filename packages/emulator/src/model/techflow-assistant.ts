import { defaultAssistantId } from '../default-credentials';
import type { AssistantConfig } from './assistant-config';

/**
 * The built-in assistant, accepted as `assistantId` unless `assistants` is configured.
 *
 * @example
 * createEmulator({ assistants: [techflowAssistant, myAssistant] });
 */
export const techflowAssistant: AssistantConfig = {
  id: defaultAssistantId,
  name: 'TechFlow Support',
  systemPrompt:
    'You are the help desk of TechFlow, a project management product. Answer questions about password resets, billing, API keys and rate limits, and enterprise features.',
  firstMessage: 'Hi! I’m the TechFlow assistant. How can I help you today?',
};
