// Small class-validator-style checks shared by the DTO validators. Each pushes Nest's message for a
// failed constraint onto `problems` and returns nothing, so one request reports every problem at once.

/** `field` must be a string when present; `maxLength` in characters. */
export function checkOptionalString(
  body: Record<string, unknown>,
  field: string,
  problems: string[],
  maxLength?: number,
): void {
  const value = body[field];
  if (value === undefined) return;
  if (typeof value !== 'string') {
    problems.push(`${field} must be a string`);
    return;
  }
  if (maxLength !== undefined && value.length > maxLength) {
    problems.push(`${field} must be shorter than or equal to ${maxLength} characters`);
  }
}

/** `field` must be a plain object when present. */
export function checkOptionalObject(body: Record<string, unknown>, field: string, problems: string[]): void {
  const value = body[field];
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${field} must be an object`);
  }
}

/** `field` must be a boolean when present. */
export function checkOptionalBoolean(body: Record<string, unknown>, field: string, problems: string[]): void {
  const value = body[field];
  if (value !== undefined && typeof value !== 'boolean') problems.push(`${field} must be a boolean value`);
}

/** `field` must be a whole number in `[min, max]` when present. */
export function checkOptionalInteger(
  body: Record<string, unknown>,
  field: string,
  problems: string[],
  min: number,
  max: number,
): void {
  const value = body[field];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.push(`${field} must be an integer number`);
    return;
  }
  if (value < min) problems.push(`${field} must not be less than ${min}`);
  if (value > max) problems.push(`${field} must not be greater than ${max}`);
}

/** Every field not in `known` gets `property <name> should not exist`, the §10 sample's wording. */
export function checkUnknownFields(
  body: Record<string, unknown>,
  known: readonly string[],
  problems: string[],
): void {
  for (const field of Object.keys(body)) {
    if (!known.includes(field)) problems.push(`property ${field} should not exist`);
  }
}
