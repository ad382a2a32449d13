/**
 * The two documented 402 messages of the chat billing gate (reference §10).
 *
 * @example
 * billingMessages.credits; // 'Purchase credits to use chat. …'
 */
export const billingMessages = {
  'payment-method': 'Add a payment method to use chat. Pay-as-you-go orgs require a card on file.',
  credits: 'Purchase credits to use chat. New pay-as-you-go orgs require a completed payment.',
} as const;

/**
 * Which documented 402 message to send.
 *
 * @example
 * createEmulator({ billing: 'payment-method' satisfies BillingGate });
 */
export type BillingGate = keyof typeof billingMessages;
