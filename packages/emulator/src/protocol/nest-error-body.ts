/** NestJS's default error body, which every Vapi error uses (reference §10). */
export interface NestErrorBody {
  readonly message: string | readonly string[];
  readonly error: string;
  readonly statusCode: number;
}
