import { NestException } from '../http/nest-exception';

/** The paging and date filters shared by `GET /chat` and `GET /session` (reference §7). */
export interface ListQuery {
  readonly page: number;
  readonly limit: number;
  readonly sortOrder: 'ASC' | 'DESC';
  readonly sortBy: 'createdAt' | 'duration' | 'cost';
  readonly cursor?: string;
  readonly dateFilters: readonly DateFilter[];
}

/** One `createdAtGt`-style filter. */
export interface DateFilter {
  readonly field: 'createdAt' | 'updatedAt';
  readonly operator: 'Gt' | 'Lt' | 'Ge' | 'Le';
  readonly time: number;
}

/**
 * Parses `page` (≥ 1, default 1), `limit` (0–1000, default 100), `sortOrder` (`ASC|DESC`, default
 * DESC), `sortBy`, `cursor` and the `createdAt*`/`updatedAt*` filters; 400 with every problem.
 *
 * @example
 * parseListQuery(new URL('http://x/chat?limit=10').searchParams);
 */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const problems: string[] = [];
  const page = readInteger(params, 'page', 1, 1, Number.MAX_SAFE_INTEGER, problems);
  const limit = readInteger(params, 'limit', 100, 0, 1000, problems);
  const sortOrder = params.get('sortOrder') ?? 'DESC';
  if (sortOrder !== 'ASC' && sortOrder !== 'DESC') {
    problems.push('sortOrder must be one of the following values: ASC, DESC');
  }
  const sortBy = params.get('sortBy') ?? 'createdAt';
  if (sortBy !== 'createdAt' && sortBy !== 'duration' && sortBy !== 'cost') {
    problems.push('sortBy must be one of the following values: createdAt, duration, cost');
  }
  const dateFilters: DateFilter[] = [];
  for (const field of ['createdAt', 'updatedAt'] as const) {
    for (const operator of ['Gt', 'Lt', 'Ge', 'Le'] as const) {
      const value = params.get(`${field}${operator}`);
      if (value === null) continue;
      const time = Date.parse(value);
      if (Number.isNaN(time)) problems.push(`${field}${operator} must be a valid ISO 8601 date string`);
      else dateFilters.push({ field, operator, time });
    }
  }
  if (problems.length > 0) throw new NestException(400, problems);
  const cursor = params.get('cursor');
  return {
    page,
    limit,
    sortOrder: sortOrder as ListQuery['sortOrder'],
    sortBy: sortBy as ListQuery['sortBy'],
    dateFilters,
    ...(cursor === null ? {} : { cursor }),
  };
}

function readInteger(
  params: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value)) {
    problems.push(`${name} must be an integer number`);
    return fallback;
  }
  if (value < min) problems.push(`${name} must not be less than ${min}`);
  if (value > max) problems.push(`${name} must not be greater than ${max}`);
  return value;
}
