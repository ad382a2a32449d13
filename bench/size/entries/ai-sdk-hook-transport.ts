// AI SDK, hook + transport: useChat with the DefaultChatTransport an app names to point it at its own
// endpoint (useChat falls back to it anyway, so importing it adds only what is already there).
import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';

console.log(useChat, DefaultChatTransport);
