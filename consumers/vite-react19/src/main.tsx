import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@vapi-chat-kit/ui/styles.css';
import { SupportChat } from './support-chat';

// The app's own QueryClient: the kit's history query must land in it (one copy of TanStack Query).
const queryClient = new QueryClient();
(window as unknown as { queryKeys: () => unknown[] }).queryKeys = () =>
  queryClient
    .getQueryCache()
    .getAll()
    .map((query) => query.queryKey);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SupportChat />
    </QueryClientProvider>
  </StrictMode>,
);
