// Vapi's React SDK, chat window with markdown: VapiWidget is its ready-made chat (it also does voice).
import { VapiWidget } from '@vapi-ai/client-sdk-react';

console.log(VapiWidget);
