import { SupportChat } from './support-chat';

// Rendered on the server for every request, then hydrated.
export const dynamic = 'force-dynamic';

export default function Page() {
  return (
    <main>
      <h1>TechFlow help center</h1>
      <SupportChat />
    </main>
  );
}
