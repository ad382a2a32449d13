/**
 * Replaces `{{name}}` (spaces allowed inside the braces) with `variableValues[name]`, as Vapi's
 * LiquidJS substitution does for plain variables. An unknown variable becomes an empty string, as in
 * Liquid; filters are not modelled.
 *
 * @example
 * substituteVariables('Hi {{ name }}!', { name: 'Alice' }); // 'Hi Alice!'
 */
export function substituteVariables(
  template: string,
  variableValues: Readonly<Record<string, unknown>>,
): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_match, name: string) => {
    const value = variableValues[name];
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}
