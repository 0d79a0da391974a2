import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface Page {
  title: string;
  /** Trusted HTML (build it with escapeHtml). */
  body: string;
}

/**
 * The security headers of every hosted page: nothing loads but the page's own nonce'd style,
 * forms post only to this server (and the redirects that follow go only to the registered apps),
 * and no other site may frame it.
 */
export function pageHeaders(nonce: string, formTargets: readonly string[]): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': [
      "default-src 'none'",
      `style-src 'nonce-${nonce}'`,
      `form-action 'self' ${formTargets.join(' ')}`.trim(),
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

const style = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f4f5f7; color: #1f2328; }
  main { max-width: 24rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  label { display: block; margin: 1rem 0 0.25rem; font-weight: 600; }
  input[type=email], input[type=password], input[type=text] { box-sizing: border-box; width: 100%; padding: 0.6rem; border: 1px solid #8c959f; border-radius: 4px; font-size: 1rem; }
  input:focus, button:focus { outline: 3px solid #0969da; outline-offset: 1px; }
  button { margin-top: 1.5rem; width: 100%; padding: 0.7rem; border: 0; border-radius: 4px; background: #0969da; color: #fff; font-size: 1rem; cursor: pointer; }
  button.secondary { background: #fff; color: #1f2328; border: 1px solid #8c959f; margin-top: 0.75rem; }
  .error { padding: 0.75rem; border-radius: 4px; background: #ffebe9; color: #82071e; border: 1px solid #ff8182; }
  .muted { color: #57606a; }
`;

/** Writes a complete hosted page with its security headers. */
export function sendPage(res: ServerResponse, status: number, page: Page, formTargets: readonly string[] = []): void {
  const nonce = randomBytes(16).toString('base64');
  res.writeHead(status, pageHeaders(nonce, formTargets));
  res.end(renderPage(page, nonce));
}

export function renderPage(page: Page, nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)} · Marketplace</title>
<style nonce="${escapeHtml(nonce)}">${style}</style>
</head>
<body>
<main>
${page.body}
</main>
</body>
</html>`;
}

export function signInPage(options: { action: string; csrf: string; clientName: string; email?: string; error?: string }): Page {
  const error = options.error ? `<p class="error" role="alert" id="sign-in-error">${escapeHtml(options.error)}</p>` : '';
  const describedBy = options.error ? ' aria-describedby="sign-in-error"' : '';
  return {
    title: 'Sign in',
    body: `<h1>Sign in</h1>
<p class="muted">to continue to ${escapeHtml(options.clientName)}</p>
${error}
<form method="post" action="${escapeHtml(options.action)}" novalidate>
<input type="hidden" name="csrf" value="${escapeHtml(options.csrf)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(options.email ?? '')}"${describedBy}${options.email ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}${options.email ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>`,
  };
}

/** The second step of a sign-in for users with TOTP: a code from the app, or a recovery code. */
export function mfaPage(options: { action: string; csrf: string; clientName: string; error?: string }): Page {
  const error = options.error ? `<p class="error" role="alert" id="mfa-error">${escapeHtml(options.error)}</p>` : '';
  const describedBy = options.error ? 'mfa-help mfa-error' : 'mfa-help';
  return {
    title: 'Two-step verification',
    body: `<h1>Two-step verification</h1>
<p class="muted">to continue to ${escapeHtml(options.clientName)}</p>
${error}
<form method="post" action="${escapeHtml(options.action)}" novalidate>
<input type="hidden" name="csrf" value="${escapeHtml(options.csrf)}">
<label for="code">Code</label>
<input id="code" name="code" type="text" inputmode="text" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" required autofocus aria-describedby="${describedBy}">
<p class="muted" id="mfa-help">Enter the six-digit code from your authenticator app, or one of your recovery codes.</p>
<button type="submit">Verify</button>
</form>`,
  };
}

/** `form` is oidc-provider's hidden logout form (it carries the provider's own CSRF token). */
export function logoutPage(form: string, clientName: string | undefined): Page {
  return {
    title: 'Sign out',
    body: `<h1>Sign out</h1>
<p>Do you want to sign out${clientName ? ` of ${escapeHtml(clientName)} and` : ''} of every Marketplace app on this device?</p>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button class="secondary" type="submit" form="op.logoutForm">No, stay signed in</button>`,
  };
}

export function signedOutPage(): Page {
  return { title: 'Signed out', body: '<h1>Signed out</h1><p>You have been signed out. You can close this page.</p>' };
}

export function errorPage(message: string, description?: string): Page {
  return {
    title: 'Something went wrong',
    body: `<h1>Something went wrong</h1>
<p class="error" role="alert">${escapeHtml(message)}</p>
${description ? `<p class="muted">${escapeHtml(description)}</p>` : ''}
<p class="muted">Go back to the app and try again.</p>`,
  };
}
