/**
 * NestJS's default error body, which every Vapi error uses (reference §10).
 *
 * @example
 * const body: NestErrorBody = { message: ['input should not be empty'], error: 'Bad Request', statusCode: 400 };
 */
export interface NestErrorBody {
  readonly message: string | readonly string[];
  readonly error: string;
  readonly statusCode: number;
}
