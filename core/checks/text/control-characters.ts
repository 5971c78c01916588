// text/control-characters: a stray control character (a pasted U+2028, a NUL) in any field of a rule. YAML
// either refuses it or carries it into notifications unseen.
import type { Check } from '../model.ts';

// C0 and C1 controls (tab and newline allowed), DEL, and the Unicode line and paragraph separators.
const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;

const describe = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export const check: Check = {
  id: 'text/control-characters',
  summary: 'no control characters (other than tab and newline) in any field',
  rule: ({ rule }) => {
    const fields: [string, string][] = [
      [rule.kind, rule.name],
      ['expr', rule.expr],
      ...Object.entries(rule.labels).map(([k, v]) => [`labels.${k}`, v] as [string, string]),
      ...Object.entries(rule.annotations).map(([k, v]) => [`annotations.${k}`, v] as [string, string]),
    ];
    return fields.flatMap(([field, text]) => {
      const m = bad.exec(text);
      return m ? [{ field, message: `contains the control character ${describe(m[0])} at offset ${m.index}`, fix: 'remove it (it is invisible in most editors; retype the line)' }] : [];
    });
  },
};
