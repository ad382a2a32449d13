/** The reply text of a `ResponseObject`: every `output_text` of every assistant message, in order. */
export function responseObjectText(response: Record<string, unknown>): string | undefined {
  const output = response['output'];
  if (!Array.isArray(output)) return undefined;
  const parts: string[] = [];
  for (const item of output as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const content = (item as { content?: unknown }).content;
    if (!Array.isArray(content)) continue;
    const text = (content as unknown[])
      .map((part) => {
        const { type, text } = (part ?? {}) as { type?: unknown; text?: unknown };
        return type === 'output_text' && typeof text === 'string' ? text : '';
      })
      .join('');
    if (text !== '') parts.push(text);
  }
  return parts.join('\n\n');
}
