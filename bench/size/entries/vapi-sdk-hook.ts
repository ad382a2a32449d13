// Vapi's React SDK, hook + transport: its useVapiChat talks to Vapi itself, so the hook is the whole set.
import { useVapiChat } from '@vapi-ai/client-sdk-react';

console.log(useVapiChat);
