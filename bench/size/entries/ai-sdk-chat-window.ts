// AI SDK, chat window with markdown: the SDK ships no chat window, so a user adds react-markdown with
// remark-gfm (tables, lists, strikethrough, as ours renders) and writes the markup; only libraries count.
import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

console.log(useChat, DefaultChatTransport, Markdown, remarkGfm);
