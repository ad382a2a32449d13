// Small pieces of the guide's pages. Storybook's MDX has no GitHub tables, so the pages write their tables
// as rows of short texts; `backticked` words in them render as code, as in the prose.

/**
 * A short text whose `backticked` words render as code.
 *
 * @example
 * <InlineCode text="`light`, `dark` or `auto`" />
 */
export function InlineCode({ text }: { readonly text: string }) {
  return (
    <>{text.split(/`([^`]+)`/).map((part, index) => (index % 2 ? <code key={index}>{part}</code> : part))}</>
  );
}

/**
 * A table of short texts: a header row and rows of cells, each an {@link InlineCode} text.
 *
 * @example
 * <Table head={['route', 'answer']} rows={[['`GET /livez`', '200 while the process runs']]} />
 */
export function Table({
  head,
  rows,
}: {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}) {
  return (
    <table>
      <thead>
        <tr>
          {head.map((cell) => (
            <th key={cell} scope="col">
              <InlineCode text={cell} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, rowIndex) => (
          <tr key={rowIndex}>
            {row.map((cell, index) => (
              <td key={index}>
                <InlineCode text={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
