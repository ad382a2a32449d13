import type { ChatMessage } from '../protocol/chat-message';
import type { ReplyContext } from './assistant-config';

// Written as plain text on purpose: the replies are test fixtures as much as demo content, and
// each topic exercises a different piece of markdown (list, code block, table, link). The billing
// table holds multi-byte characters (€, ✓) so split-write faults can cut inside one.

const passwordReset = [
  'To reset your TechFlow password:',
  '',
  '1. Open the [sign-in page](https://example.com/techflow/login) and choose **Forgot password**.',
  '2. Enter the email address of your account.',
  '3. Follow the link in the email within 30 minutes.',
  '4. Choose a new password of at least 12 characters.',
  '',
  'If the email does not arrive, check your spam folder or ask your workspace admin to send a new invite.',
].join('\n');

const billing = [
  'Here are the TechFlow plans:',
  '',
  '| Plan | Price per month | Seats | SSO |',
  '| --- | --- | --- | --- |',
  '| Starter | €0 | 3 | — |',
  '| Team | €12 per seat | 50 | — |',
  '| Enterprise | custom | unlimited | ✓ |',
  '',
  'Invoices are under **Settings → Billing**. You can change plans at any time; the difference is prorated.',
].join('\n');

const apiKeys = [
  'API keys live under **Settings → API keys**. Send yours as a bearer token:',
  '',
  '```bash',
  'curl https://api.example.com/techflow/v1/projects \\',
  '  -H "Authorization: Bearer $TECHFLOW_API_KEY"',
  '```',
  '',
  'Rate limits:',
  '',
  '- **Starter**: 60 requests per minute',
  '- **Team**: 600 requests per minute',
  '- **Enterprise**: 6,000 requests per minute',
  '',
  'Over the limit the API answers `429` with a `Retry-After` header; wait that many seconds before retrying.',
].join('\n');

const enterprise = [
  'TechFlow Enterprise adds:',
  '',
  '- **SAML single sign-on** and SCIM user provisioning',
  '- **Audit logs** kept for 1 year',
  '- **Data residency** in the EU or the US',
  '- A 99.9% uptime SLA and a named support engineer',
  '',
  'See the [Enterprise overview](https://example.com/techflow/enterprise) or ask me to connect you with sales.',
].join('\n');

const overview = [
  'I can help with these TechFlow topics:',
  '',
  '- **Password reset**: signing in again',
  '- **Billing**: plans, invoices and prices',
  '- **API keys and rate limits**',
  '- **Enterprise features**: SSO, audit logs, data residency',
  '',
  'Ask about any of them, for example: *How do I reset my password?*',
].join('\n');

/**
 * The built-in deterministic "TechFlow" help-desk model. The same conversation always gets the
 * same reply. It reads the whole history, so a name given in an earlier turn is remembered.
 *
 * @example
 * techflowReply({ messages: [{ role: 'user', content: 'How do I reset my password?' }], userText: 'How do I reset my password?', assistant: { name: 'TechFlow Support' } });
 */
export function techflowReply(context: ReplyContext): string {
  const text = context.userText.trim();
  // What the site says of a signed-in customer (`assistantOverrides.variableValues`), as a prompt's
  // `{{customerName}}` and `{{plan}}` would tell a real model.
  const customerName = textVariable(context.assistant.variableValues, 'customerName');
  const plan = textVariable(context.assistant.variableValues, 'plan');
  const lowered = text.toLowerCase();
  const statedName = /\bmy name is\s+([\p{L}][\p{L}'-]*)/iu.exec(text)?.[1];

  if (statedName !== undefined) {
    return `Nice to meet you, ${statedName}! How can I help you with TechFlow today?`;
  }
  if (/\bwhat(?:'s| is)\s+my name\b|\bwho am i\b/.test(lowered)) {
    const name = rememberedName(context.messages) ?? customerName;
    return name === undefined
      ? "I don't know your name yet. Tell me with *My name is …*."
      : `Your name is ${name}.`;
  }
  if (/\b(system prompt|instructions)\b/.test(lowered)) {
    return context.assistant.systemPrompt === undefined
      ? 'I have no system prompt.'
      : `My instructions are: ${context.assistant.systemPrompt}`;
  }
  if (/\b(passwords?|log ?in|sign ?in|locked out)\b/.test(lowered)) return passwordReset;
  if (/\b(bill\w*|invoices?|prices?|pricing|plans?|refunds?|payments?|subscriptions?|cost)\b/.test(lowered))
    return plan === undefined ? billing : `You are on the **${plan}** plan.\n\n${billing}`;
  if (/\b(api|keys?|tokens?|rate ?limits?|rate-limit\w*|throttl\w*|429)\b/.test(lowered)) return apiKeys;
  if (/\b(enterprise|sso|saml|scim|audit|residency|sla)\b/.test(lowered)) return enterprise;
  if (/\b(markdown|everything|demo)\b/.test(lowered)) {
    return [passwordReset, billing, apiKeys, enterprise].join('\n\n');
  }
  if (/^(hi|hello|hey|good (morning|afternoon|evening))\b/.test(lowered)) {
    if (customerName !== undefined) {
      const onPlan = plan === undefined ? '' : ` I see you're on the ${plan} plan.`;
      return `Hi ${customerName}!${onPlan} How can I help you with TechFlow today?`;
    }
    return context.assistant.firstMessage ?? `Hi! I'm ${context.assistant.name}. How can I help you today?`;
  }
  if (text === '') return overview;
  return `You asked: "${text}". ${overview}`;
}

function rememberedName(messages: readonly ChatMessage[]): string | undefined {
  let name: string | undefined;
  for (const message of messages) {
    if (message.role !== 'user' || typeof message.content !== 'string') continue;
    const found = /\bmy name is\s+([\p{L}][\p{L}'-]*)/iu.exec(message.content)?.[1];
    if (found !== undefined) name = found;
  }
  return name;
}

/** A variable value given as text (1–100 characters), or undefined. */
function textVariable(
  values: Readonly<Record<string, unknown>> | undefined,
  name: string,
): string | undefined {
  const value = values?.[name];
  return typeof value === 'string' && value.trim() !== '' && value.length <= 100 ? value.trim() : undefined;
}
