import { ProtocolError } from '../errors/protocol-error';

export type JsonResult =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly error: ProtocolError };

/**
 * The one place wire text becomes a value: parses a JSON object, or returns a typed error saying what was
 * wrong. Arrays and primitives are errors too: every payload of every format is an object.
 */
export function parseJsonObject(text: string, what: string): JsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return { ok: false, error: new ProtocolError(`${what} is not valid JSON: ${preview(text)}`, { cause }) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: new ProtocolError(`${what} is not a JSON object: ${preview(text)}`) };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function preview(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

export function stringField(object: Record<string, unknown>, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}

export function numberField(object: Record<string, unknown>, key: string): number | undefined {
  const value = object[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function objectField(
  object: Record<string, unknown>,
  key: string,
): Record<string, unknown> | undefined {
  const value = object[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
