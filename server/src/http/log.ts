/**
 * What the server may print about an error (issue 11, point 5: no log line holds a voter token, a
 * contact, free text or an address). A database error's `detail` ("Failing row contains (…)"), `where`,
 * query and parameters can hold a patron's words, so only its name, code, message and stack frames are
 * printed, and quoted values in the message are replaced (identifiers such as constraint names stay).
 */
export function loggableError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error === 'string' ? redact(error) : Object.prototype.toString.call(error);
  const code = (error as {code?: unknown}).code;
  const head = `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${redact(error.message)}`;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const cause = error.cause !== undefined ? `\n  caused by ${loggableError(error.cause)}` : '';
  return [head, ...frames].join('\n') + cause;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.$]*$/;

/** Quoted values go ("…" and '…'), identifiers stay; long unquoted runs after a colon go too. */
function redact(message: string): string {
  return message
    .replace(/"([^"]*)"|'([^']*)'/g, (whole, a: string | undefined, b: string | undefined) => (IDENTIFIER.test(a ?? b ?? '') ? whole : '"…"'))
    .replace(/\S+@\S+/g, '…@…');
}
