/**
 * Deterministic markdown for the render benches: a long reply with every construct a chat reply has
 * (code, a table, nested lists, CJK, emoji, links, emphasis), and a thread of mixed messages.
 * No randomness, so every run and every page see the same bytes.
 */

/** The reply always ends with this sentence; every page must show it when the stream is done. */
export const lastSentence = 'That is the whole answer, and the last sentence of the benchmark reply.';

const topics = ['billing', 'passwords', 'API keys', 'webhooks', 'rate limits', 'single sign-on', 'exports'];
const cjk = [
  '请在设置页面中更新您的付款方式，然后保存更改。',
  'パスワードをリセットするには、ログイン画面のリンクを押してください。',
  'API 키는 대시보드의 개발자 메뉴에서 만들 수 있습니다.',
];
const emoji = ['✅', '🚀', '🔑', '📦', '👩🏽‍💻', '🇫🇷', '⚠️'];

/** Section `n` of the reply: a few hundred bytes of mixed markdown; its table cells read `R<n>C<column>`. */
function section(n: number): string {
  const topic = topics[n % topics.length] ?? 'support';
  const parts = [
    `### ${n + 1}. About ${topic} ${emoji[n % emoji.length]}`,
    '',
    `Here is what you need to know about **${topic}**: the setting lives under *Workspace → Settings*, ` +
      `and changes apply to \`workspace-${n}\` within a minute. See the [${topic} guide](https://docs.example.com/${n}) ` +
      `for ***every*** option, or ~~email us~~ open a ticket.`,
    '',
    `- Check the account owner for ${topic}`,
    `  - Owners can change it at any time`,
    `  - Members need the \`${topic.replace(/ /g, '-')}:write\` scope`,
    `    1. Open the members page`,
    `    2. Grant the scope and save`,
    `- Wait for the confirmation email ${emoji[(n + 3) % emoji.length]}`,
    '',
    cjk[n % cjk.length] ?? '',
    '',
  ];
  if (n % 2 === 0) {
    parts.push(
      '```ts',
      `const client = createClient({ workspace: 'workspace-${n}' });`,
      `const result = await client.${topic.replace(/[^a-z]/gi, '')}.update({ enabled: true, retries: ${n % 5} });`,
      `if (!result.ok) throw new Error(\`update failed: \${result.status}\`);`,
      '```',
      '',
    );
  } else {
    parts.push(
      '| Plan | Limit | Cell |',
      '| --- | ---: | --- |',
      `| Starter | ${(n + 1) * 10} | R${n}C1 |`,
      `| Team | ${(n + 1) * 100} | R${n}C2 |`,
      `| Enterprise | unlimited | R${n}C3 |`,
      '',
    );
  }
  return parts.join('\n');
}

/** A reply of about `bytes` UTF-8 bytes, and the table cells it holds (each must end up on screen). */
export function replyMarkdown(bytes: number): { readonly text: string; readonly cells: readonly string[] } {
  const encoder = new TextEncoder();
  const sections: string[] = [];
  const cells: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes - 200; n += 1) {
    const text = section(n);
    sections.push(text);
    if (n % 2 === 1) cells.push(`R${n}C1`, `R${n}C2`, `R${n}C3`);
    size += encoder.encode(text).length + 1;
  }
  return { text: `${sections.join('\n')}\n${lastSentence}`, cells };
}

/** The reply cut into tokens of about four characters (code points, so no emoji is split in half). */
export function tokenize(text: string, size = 4): string[] {
  const points = Array.from(text);
  const tokens: string[] = [];
  for (let index = 0; index < points.length; index += size)
    tokens.push(points.slice(index, index + size).join(''));
  return tokens;
}

export interface ThreadMessage {
  readonly role: 'user' | 'assistant';
  readonly text: string;
}

/** `count` finished messages, user and assistant in turn; replies vary from a line to a few sections. */
export function threadMessages(count: number): ThreadMessage[] {
  const messages: ThreadMessage[] = [];
  for (let index = 0; index < count; index += 1) {
    const topic = topics[index % topics.length] ?? 'support';
    if (index % 2 === 0) {
      messages.push({ role: 'user', text: `Question ${index / 2 + 1}: how do I change ${topic}?` });
      continue;
    }
    const length = index % 7;
    const text =
      length < 3
        ? `Open *Settings → ${topic}* and press **Save**. ${emoji[index % emoji.length]}`
        : Array.from({ length: length - 2 }, (_, offset) => section(index + offset)).join('\n');
    messages.push({ role: 'assistant', text });
  }
  return messages;
}
