/** A property given a value: neither absent, `null` nor the empty string (a token counts as set). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}
