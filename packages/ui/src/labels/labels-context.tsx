import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { labelsEn, type ChatLabels } from './chat-labels';

const LabelsContext = createContext<ChatLabels>(labelsEn);

/**
 * Gives the parts below it their labels: `labels` over English defaults.
 *
 * @example
 * <LabelsProvider labels={labelsFr}><CodeBlock code="npm i" /></LabelsProvider>
 */
export function LabelsProvider({
  labels,
  children,
}: {
  readonly labels?: Partial<ChatLabels> | undefined;
  readonly children: ReactNode;
}) {
  const value = useMemo(() => ({ ...labelsEn, ...labels }), [labels]);
  return <LabelsContext.Provider value={value}>{children}</LabelsContext.Provider>;
}

/**
 * The labels in effect (English outside a provider).
 *
 * @example
 * const { send } = useLabels();
 */
export function useLabels(): ChatLabels {
  return useContext(LabelsContext);
}
