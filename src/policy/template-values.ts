/**
 * Small readers for resolved CloudFormation values. A value the synthesizer could not turn into a
 * literal (a `Ref`, an `Fn::*`, or a string with an unresolved token in it) is "unknown": rules
 * never throw on it and judge only what they can see.
 */

/** True when `value` is an intrinsic function or still holds a token. */
export function isUnknown(value: any): boolean {
  if (value === null || value === undefined) {
    return false;
  }
  if (typeof value === 'string') {
    return value.includes('${Token[');
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
  }
  return false;
}

/** The logical id a `Ref` or `Fn::GetAtt` points at, or `undefined`. */
export function referencedId(value: any): string | undefined {
  if (value && typeof value === 'object') {
    if (typeof value.Ref === 'string') {
      return value.Ref;
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      return getAtt[0];
    }
    if (typeof getAtt === 'string') {
      return getAtt.split('.')[0];
    }
  }
  return undefined;
}

/** `value` as a list: a single value becomes a one-element list, `undefined` an empty one. */
export function asList(value: any): any[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** `true` or `'true'` (CloudFormation accepts both). */
export function isTrue(value: any): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** `false` or `'false'`. */
export function isFalse(value: any): boolean {
  return value === false || (typeof value === 'string' && value.toLowerCase() === 'false');
}

/** The statements of a resolved policy document, or `undefined` when the document or its statement list is unknown. */
export function statementsOf(document: any): any[] | undefined {
  if (document === undefined || document === null) {
    return [];
  }
  if (typeof document === 'string') {
    try {
      return statementsOf(JSON.parse(document));
    } catch {
      return undefined;
    }
  }
  if (isUnknown(document) || typeof document !== 'object') {
    return undefined;
  }
  const statements = document.Statement;
  if (isUnknown(statements)) {
    return undefined;
  }
  return asList(statements).filter((s) => s && typeof s === 'object' && !isUnknown(s));
}

/** The service principals a statement names (`Principal.Service`), literal ones only. */
export function servicePrincipals(statement: any): string[] {
  const principal = statement?.Principal;
  if (!principal || typeof principal !== 'object') {
    return [];
  }
  return asList(principal.Service).filter((s) => typeof s === 'string');
}

/** True when a statement's principal is everyone (`"*"` or `{"AWS": "*"}`); one definition with the scanner's. */
export { isEveryone } from './public-access';

/** True when `action` (an IAM action, possibly with wildcards) matches `wanted` (a literal action). */
export function actionMatches(action: any, wanted: string): boolean {
  if (typeof action !== 'string') {
    return false;
  }
  if (action === '*') {
    return true;
  }
  const pattern = new RegExp('^' + action.split('*').map(escapeRegExp).join('.*') + '$', 'i');
  return pattern.test(wanted);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
