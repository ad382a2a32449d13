import type { DateFilter, ListQuery } from './list-query';

/** `PaginationMeta` (reference §7). */
export interface PaginationMetadata {
  readonly itemsPerPage: number;
  readonly totalItems: number;
  readonly currentPage: number;
  readonly totalPages: number;
  readonly hasNextPage: boolean;
  readonly sortOrder: 'ASC' | 'DESC';
  readonly nextCursor?: string;
}

/** A stored item as the list needs it. */
export interface ListItem<T> {
  readonly value: T;
  readonly sequence: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly cost: number;
}

/**
 * Filters by date, sorts (insertion order breaks ties, so a frozen clock still sorts stably) and
 * cuts one page: `{results, metadata}`. With `cursorPagination`, `metadata.nextCursor` is set and a
 * `cursor` continues after that item instead of using `page` (reference §13.2, Q15).
 *
 * @example
 * paginate(items, parseListQuery(params), false);
 */
export function paginate<T>(
  items: readonly ListItem<T>[],
  query: ListQuery,
  cursorPagination: boolean,
): { results: T[]; metadata: PaginationMetadata } {
  const direction = query.sortOrder === 'ASC' ? 1 : -1;
  const sortKey = (item: ListItem<T>): number =>
    query.sortBy === 'cost' ? item.cost : Date.parse(item.createdAt);
  const sorted = items
    .filter((item) => query.dateFilters.every((filter) => matchesDate(item, filter)))
    .sort((left, right) => direction * (sortKey(left) - sortKey(right) || left.sequence - right.sequence));

  let start = (query.page - 1) * query.limit;
  if (cursorPagination && query.cursor !== undefined) {
    const after = sorted.findIndex((item) => String(item.sequence) === query.cursor);
    start = after === -1 ? sorted.length : after + 1;
  }
  const page = sorted.slice(start, start + query.limit);
  const hasNextPage = query.limit > 0 && start + query.limit < sorted.length;
  const last = page.at(-1);
  return {
    results: page.map((item) => item.value),
    metadata: {
      itemsPerPage: query.limit,
      totalItems: sorted.length,
      currentPage: query.page,
      totalPages: query.limit === 0 ? 0 : Math.ceil(sorted.length / query.limit),
      hasNextPage,
      sortOrder: query.sortOrder,
      ...(cursorPagination && hasNextPage && last !== undefined ? { nextCursor: String(last.sequence) } : {}),
    },
  };
}

function matchesDate<T>(item: ListItem<T>, filter: DateFilter): boolean {
  const time = Date.parse(filter.field === 'createdAt' ? item.createdAt : item.updatedAt);
  switch (filter.operator) {
    case 'Gt':
      return time > filter.time;
    case 'Lt':
      return time < filter.time;
    case 'Ge':
      return time >= filter.time;
    case 'Le':
      return time <= filter.time;
  }
}
