// assistant-ui, chat window with markdown: the runtime and the primitives its getting-started thread is
// built from (provider, local runtime, thread, message, composer). Its own markdown package wraps
// react-markdown, so react-markdown + remark-gfm stand in for it. The model adapter a user writes for
// useLocalRuntime (the fetch and stream parsing our proxyTransport does) is not counted: this favours them.
import {
  AssistantRuntimeProvider,
  ComposerPrimitive,
  MessagePrimitive,
  ThreadPrimitive,
  useLocalRuntime,
} from '@assistant-ui/react';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

console.log(
  AssistantRuntimeProvider,
  useLocalRuntime,
  ThreadPrimitive,
  MessagePrimitive,
  ComposerPrimitive,
  Markdown,
  remarkGfm,
);
