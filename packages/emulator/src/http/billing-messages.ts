import { NestException } from './nest-exception';

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

/** The `reason` of a lean 402 body per gate; live reports show `payment_method_missing` (reference §15). */
const billingReasons: Readonly<Record<BillingGate, string>> = {
  'payment-method': 'payment_method_missing',
  credits: 'credits_required',
};

/**
 * The 402 of a billing gate: one of the two documented messages, with its `reason` for lean bodies.
 *
 * @example
 * throw billingException('credits');
 */
export function billingException(gate: BillingGate): NestException {
  return new NestException(402, billingMessages[gate], {}, billingReasons[gate]);
}
