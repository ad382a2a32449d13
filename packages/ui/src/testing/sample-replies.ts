/** A long reply that uses every markdown feature the window renders. */
export const longMarkdownReply = `## Resetting your password

You can reset it in **two ways**: from the *sign-in page*, or from \`Settings\` while signed in.

1. Open [the sign-in page](https://example.com/sign-in).
2. Choose **Forgot password** and enter your email.
3. Follow the link we send you. It expires after *24 hours*.

> Tip: if the email does not arrive, check your spam folder first.

To reset it from the API instead:

\`\`\`bash
curl -X POST https://api.example.com/v1/password/reset \\
  -H "Authorization: Bearer $TOKEN" \\
  -d email=me@example.com
\`\`\`

| Plan | Resets per day | Support |
| --- | ---: | --- |
| Free | 3 | Community |
| Pro | 10 | Email |
| Business | Unlimited | 24/7 chat |

- [x] Email verified
- [ ] Two-factor authentication

Need anything else? Write to [help@example.com](mailto:help@example.com).`;

/** A short reply. */
export const shortReply =
  'Sure! Open **Settings → Billing** and choose *Change plan*. The new plan starts with your next invoice.';
