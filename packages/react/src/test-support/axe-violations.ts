import axe from 'axe-core';

/** The ids of the axe rules `container` violates (an empty list when it passes). */
export async function axeViolations(container: Element): Promise<string[]> {
  const results = await axe.run(container);
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`,
  );
}
