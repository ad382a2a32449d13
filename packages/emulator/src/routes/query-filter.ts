/**
 * The id filters of Vapi's list endpoints (`GET /chat`, `GET /session`; reference §7, §8) over one
 * query: `equals(name, value)` holds when the parameter is absent or equal; `anyOf` takes a
 * comma-separated list, as Vapi's `…Any` parameters do.
 */
export interface QueryFilter {
  readonly equals: (name: string, value: string | undefined) => boolean;
  readonly anyOf: (name: string, value: string | undefined) => boolean;
}

export function queryFilter(params: URLSearchParams): QueryFilter {
  return {
    equals: (name, value) => {
      const wanted = params.get(name);
      return wanted === null || wanted === value;
    },
    anyOf: (name, value) => {
      const wanted = params.get(name);
      if (wanted === null) return true;
      return (
        value !== undefined &&
        wanted
          .split(',')
          .map((item) => item.trim())
          .includes(value)
      );
    },
  };
}
