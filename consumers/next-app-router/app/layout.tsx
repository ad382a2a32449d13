import type { ReactNode } from 'react';
import '@vapi-chat-kit/ui/styles.css';
import { Providers } from './providers';

export const metadata = { title: 'Support', icons: { icon: 'data:,' } };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
