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
  .success { padding: 0.75rem; border-radius: 4px; background: #dafbe1; color: #116329; border: 1px solid #4ac26b; }
  a { color: #0969da; }
  a:focus { outline: 3px solid #0969da; outline-offset: 1px; }
  a.button { display: block; box-sizing: border-box; margin-top: 0.75rem; width: 100%; padding: 0.7rem; border: 1px solid #8c959f; border-radius: 4px; background: #fff; color: #1f2328; font-size: 1rem; text-align: center; text-decoration: none; }
  .links { display: flex; justify-content: space-between; gap: 1rem; margin-top: 1rem; }
  .divider { margin: 1.5rem 0 0.5rem; text-align: center; color: #57606a; }
  ul.scopes { padding-left: 1.25rem; }
  ul.scopes li { margin: 0.25rem 0; }
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

/** A "Continue with X" button of the sign-in page: a link to our own route, which redirects upstream. */
export interface SocialButton {
  label: string;
  url: string;
}

export function signInPage(options: {
  action: string;
  csrf: string;
  clientName: string;
  email?: string;
  error?: string;
  /** "Create an account" (inside this interaction). */
  registerUrl?: string;
  /** "Forgot password?". */
  forgotUrl?: string;
  social?: readonly SocialButton[];
}): Page {
  const error = options.error ? `<p class="error" role="alert" id="sign-in-error">${escapeHtml(options.error)}</p>` : '';
  const describedBy = options.error ? ' aria-describedby="sign-in-error"' : '';
  const links = [
    options.forgotUrl ? `<a href="${escapeHtml(options.forgotUrl)}">Forgot password?</a>` : '',
    options.registerUrl ? `<a href="${escapeHtml(options.registerUrl)}">Create an account</a>` : '',
  ].filter(Boolean);
  const social = options.social?.length
    ? `<p class="divider">or</p>
<nav aria-label="Sign in with another account">
${options.social.map((button) => `<a class="button" href="${escapeHtml(button.url)}">Continue with ${escapeHtml(button.label)}</a>`).join('\n')}
</nav>`
    : '';
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
</form>
${links.length ? `<p class="links">${links.join('\n')}</p>` : ''}
${social}`,
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

/** An error paragraph announced to screen readers, and the attribute tying inputs to it. */
function errorOf(id: string, message: string | undefined): { html: string; describedBy: string } {
  return message
    ? { html: `<p class="error" role="alert" id="${id}">${escapeHtml(message)}</p>`, describedBy: ` aria-describedby="${id}"` }
    : { html: '', describedBy: '' };
}

/** A page that only says something (a result, or what to do next). */
export function messagePage(title: string, message: string, options: { tone?: 'success' | 'error' | 'plain'; detail?: string } = {}): Page {
  const tone = options.tone ?? 'plain';
  const paragraph =
    tone === 'plain'
      ? `<p>${escapeHtml(message)}</p>`
      : `<p class="${tone}" role="${tone === 'error' ? 'alert' : 'status'}">${escapeHtml(message)}</p>`;
  return {
    title,
    body: `<h1>${escapeHtml(title)}</h1>
${paragraph}
${options.detail ? `<p class="muted">${escapeHtml(options.detail)}</p>` : ''}`,
  };
}

/** Registration inside an interaction: email, a new password twice. */
export function registerPage(options: {
  action: string;
  csrf: string;
  clientName: string;
  signInUrl: string;
  email?: string;
  error?: string;
}): Page {
  const error = errorOf('register-error', options.error);
  return {
    title: 'Create an account',
    body: `<h1>Create an account</h1>
<p class="muted">to continue to ${escapeHtml(options.clientName)}</p>
${error.html}
<form method="post" action="${escapeHtml(options.action)}" novalidate>
<input type="hidden" name="csrf" value="${escapeHtml(options.csrf)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(options.email ?? '')}"${error.describedBy}${options.email ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="12" aria-describedby="password-help${options.error ? ' register-error' : ''}"${options.email ? ' autofocus' : ''}>
<p class="muted" id="password-help">At least 12 characters, and not your email address.</p>
<label for="confirm">Repeat the password</label>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" required${error.describedBy}>
<button type="submit">Create account</button>
</form>
<p class="links"><a href="${escapeHtml(options.signInUrl)}">I already have an account</a></p>`,
  };
}

/** "Forgot password?": asks for the address to mail a reset link to. */
export function forgotPasswordPage(options: { action: string; csrf: string; email?: string; error?: string }): Page {
  const error = errorOf('forgot-error', options.error);
  return {
    title: 'Reset your password',
    body: `<h1>Reset your password</h1>
<p class="muted" id="forgot-help">Enter the email address of your account. If an account exists, we will send it a link to choose a new password.</p>
${error.html}
<form method="post" action="${escapeHtml(options.action)}" novalidate>
<input type="hidden" name="csrf" value="${escapeHtml(options.csrf)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" required autofocus value="${escapeHtml(options.email ?? '')}" aria-describedby="forgot-help${options.error ? ' forgot-error' : ''}">
<button type="submit">Send reset link</button>
</form>`,
  };
}

/** The page a reset link opens: a new password twice (the token rides in the form, not in a cookie). */
export function resetPasswordPage(options: { action: string; csrf: string; token: string; error?: string }): Page {
  const error = errorOf('reset-error', options.error);
  return {
    title: 'Choose a new password',
    body: `<h1>Choose a new password</h1>
${error.html}
<form method="post" action="${escapeHtml(options.action)}" novalidate>
<input type="hidden" name="csrf" value="${escapeHtml(options.csrf)}">
<input type="hidden" name="token" value="${escapeHtml(options.token)}">
<label for="password">New password</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="12" autofocus aria-describedby="password-help${options.error ? ' reset-error' : ''}">
<p class="muted" id="password-help">At least 12 characters, and not your email address. Every device signed in to your account will be signed out.</p>
<label for="confirm">Repeat the new password</label>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" required${error.describedBy}>
<button type="submit">Set new password</button>
</form>`,
  };
}

/** One line of the consent page. */
export interface ConsentItem {
  /** What the app may do, in words. */
  text: string;
}

/** Consent for a third-party app: what it asks, in words, and Allow / Deny. */
export function consentPage(options: {
  action: string;
  csrf: string;
  clientName: string;
  email: string;
  items: readonly ConsentItem[];
}): Page {
  return {
    title: 'Allow access',
    body: `<h1>Allow ${escapeHtml(options.clientName)}?</h1>
<p class="muted">Signed in as ${escapeHtml(options.email)}</p>
<p id="consent-what">${escapeHtml(options.clientName)} is not a Marketplace app. It asks to:</p>
<ul class="scopes" aria-labelledby="consent-what">
${options.items.map((item) => `<li>${escapeHtml(item.text)}</li>`).join('\n')}
</ul>
<form method="post" action="${escapeHtml(options.action)}">
<input type="hidden" name="csrf" value="${escapeHtml(options.csrf)}">
<button type="submit" name="decision" value="allow">Allow</button>
<button class="secondary" type="submit" name="decision" value="deny">Deny</button>
</form>
<p class="muted">You can revoke this access at any time from your account.</p>`,
  };
}

/** An upstream account whose verified email matches an existing account: confirm the link with the password. */
export function linkConfirmPage(options: {
  action: string;
  csrf: string;
  providerLabel: string;
  email: string;
  /** False for accounts without a password: they confirm through a mailed link instead. */
  hasPassword: boolean;
  error?: string;
}): Page {
  const error = errorOf('link-error', options.error);
  const label = escapeHtml(options.providerLabel);
  const fields = options.hasPassword
    ? `<label for="password">Password of ${escapeHtml(options.email)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus${error.describedBy}>
<button type="submit">Link and sign in</button>`
    : `<p id="link-help">This account has no password. We will send a confirmation link to ${escapeHtml(options.email)}.</p>
<button type="submit" aria-describedby="link-help">Send confirmation link</button>`;
  return {
    title: `Link your ${options.providerLabel} account`,
    body: `<h1>Link your ${label} account?</h1>
<p>An account with the email ${escapeHtml(options.email)} already exists. Link your ${label} account to it${
      options.hasPassword ? '? Enter your password to confirm.' : '?'
    }</p>
${error.html}
<form method="post" action="${escapeHtml(options.action)}" novalidate>
<input type="hidden" name="csrf" value="${escapeHtml(options.csrf)}">
${fields}
</form>`,
  };
}
