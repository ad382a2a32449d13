/**
 * Vapi's exact 401 message for an unknown key or a key of the wrong kind (reference §9).
 *
 * @example
 * expect(body).toEqual({ message: invalidKeyMessage, error: 'Unauthorized', statusCode: 401 });
 */
export const invalidKeyMessage =
  'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.';
