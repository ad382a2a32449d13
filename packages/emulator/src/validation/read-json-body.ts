import { NestException } from '../http/nest-exception';

/**
 * Reads a request body as a JSON object, answering 400 with Nest's body (and the parser's message,
 * as Nest's body parser does) for bad JSON or a non-object.
 *
 * @example
 * const body = await readJsonBody(c.req.raw);
 */
export async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new NestException(400, error instanceof Error ? error.message : 'Invalid JSON body');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new NestException(400, ['the request body must be a JSON object']);
  }
  return parsed as Record<string, unknown>;
}
