import { describe, expect, it } from 'vitest';
import { createEmulator } from '../create-emulator';
import { defaultAssistantId } from '../default-credentials';

const init = {
  method: 'POST',
  headers: { Authorization: 'Bearer emulator-private-key', 'Content-Type': 'application/json' },
  body: JSON.stringify({ assistantId: defaultAssistantId, input: 'hi' }),
};

describe('billingGate', () => {
  it('answers every chat turn with 402 and the chosen documented message', async () => {
    const card = createEmulator({ billing: 'payment-method' });
    expect(await (await card.app.request('/chat', init)).json()).toEqual({
      message: 'Add a payment method to use chat. Pay-as-you-go orgs require a card on file.',
      error: 'Payment Required',
      statusCode: 402,
    });
    const credits = createEmulator({ billing: 'credits' });
    const response = await credits.app.request('/chat/responses', init);
    expect(response.status).toBe(402);
    expect(((await response.json()) as { message: string }).message).toBe(
      'Purchase credits to use chat. New pay-as-you-go orgs require a completed payment.',
    );
  });

  it('does not gate reading chats', async () => {
    const emulator = createEmulator({ billing: 'credits' });
    const response = await emulator.app.request('/chat', {
      headers: { Authorization: 'Bearer emulator-private-key' },
    });
    expect(response.status).toBe(200);
  });
});
