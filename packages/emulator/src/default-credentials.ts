// Obviously fake values, printed by the CLI at start-up, so nobody mistakes them for real Vapi keys.

/**
 * The private key accepted by default (on `/chat`, `/chat/responses`, `/session`).
 *
 * @example
 * new OpenAI({ apiKey: defaultPrivateKey, baseURL: `${url}/chat` });
 */
export const defaultPrivateKey = 'emulator-private-key';

/**
 * The public key accepted by default (on `/chat/web`, `/chat/web/responses`).
 *
 * @example
 * fetch(`${url}/chat/web`, { headers: { Authorization: `Bearer ${defaultPublicKey}` } });
 */
export const defaultPublicKey = 'emulator-public-key';

/**
 * The id of the built-in TechFlow assistant.
 *
 * @example
 * JSON.stringify({ assistantId: defaultAssistantId, input: 'Hi' });
 */
export const defaultAssistantId = '00000000-0000-4000-8000-00000000e001';

/**
 * The `orgId` written on every chat and session by default.
 *
 * @example
 * expect(chat.orgId).toBe(defaultOrgId);
 */
export const defaultOrgId = '00000000-0000-4000-8000-0000000000a1';
