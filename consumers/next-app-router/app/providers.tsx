'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';

/** The app's own QueryClient, one per browser tab (and per server request). */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient());
  useEffect(() => {
    // For the test: the queries in this client (the kit's history query must be among them).
    (window as unknown as { queryKeys: () => unknown[] }).queryKeys = () =>
      queryClient
        .getQueryCache()
        .getAll()
        .map((query) => query.queryKey);
  }, [queryClient]);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
