// Rule files for the linter, in the three shapes rules are kept in: a plain rule file (`groups:`), PrometheusRule
// manifests (one or many YAML documents), and Helm chart values holding rule files under serverFiles."<name>.yml"
// (as YAML, or as a string of YAML). Every group and rule keeps the line it is written on.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { GroupModel, Position, RuleField, RuleFileModel, RuleModel } from '../core/checks/model.ts';
import { embedded, entries, get, InputError, isStringScalar, items, keyNode, parseYaml, readText, scalar, type Located } from './yaml.ts';

function stringMap(at: Located, node: Node | undefined, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (node === undefined || (isScalar(node) && (node.value === null || node.value === ''))) return out;
  if (!isMap(node)) throw new InputError(at.file, at.lineOf(node), `${what} must be a map`);
  for (const [k, v] of entries(node)) out[k] = scalar(v) ?? '';
  return out;
}

function readRule(at: Located, node: Node, group: string): RuleModel {
  const alertNode = get(node, 'alert');
  const recordNode = get(node, 'record');
  const fail = (reason: string): never => {
    throw new InputError(at.file, at.lineOf(node), `group "${group}": ${reason}`);
  };
  if (alertNode && recordNode) fail('a rule has both alert and record');
  if (!alertNode && !recordNode) fail('a rule has neither alert nor record');
  const name = scalar(alertNode ?? recordNode);
  if (!name) fail(`a rule's ${alertNode ? 'alert' : 'record'} is empty`);
  const exprNode = get(node, 'expr');
  const expr = scalar(exprNode);
  if (expr === undefined) fail(`rule "${name}" has no expr`);
  const fieldAt: Partial<Record<RuleField, Position>> = {};
  for (const f of ['expr', 'for', 'labels', 'annotations', 'alert', 'record'] as const) {
    const line = at.lineOf(keyNode(node, f));
    if (line !== undefined) fieldAt[f] = { file: at.file, line };
  }
  const forText = scalar(get(node, 'for'));
  const line = at.lineOf(node);
  return {
    kind: alertNode ? 'alert' : 'record',
    name: name!,
    expr: expr!,
    ...(forText !== undefined ? { for: forText } : {}),
    labels: stringMap(at, get(node, 'labels'), `rule "${name}": labels`),
    annotations: stringMap(at, get(node, 'annotations'), `rule "${name}": annotations`),
    at: line !== undefined ? { file: at.file, line } : { file: at.file },
    fieldAt,
  };
}

function readGroups(at: Located, node: Node): GroupModel[] {
  if (!isSeq(node) && !(isScalar(node) && node.value === null)) throw new InputError(at.file, at.lineOf(node), 'groups must be a list');
  return items(node).map((g): GroupModel => {
    const name = scalar(get(g, 'name'));
    if (!name) throw new InputError(at.file, at.lineOf(g), 'a group without a name');
    const rulesNode = get(g, 'rules');
    if (rulesNode !== undefined && !isSeq(rulesNode) && !(isScalar(rulesNode) && rulesNode.value === null)) {
      throw new InputError(at.file, at.lineOf(rulesNode), `group "${name}": rules must be a list`);
    }
    const interval = scalar(get(g, 'interval'));
    const line = at.lineOf(g);
    return {
      name,
      ...(interval !== undefined ? { interval } : {}),
      rules: items(rulesNode).map((r) => readRule(at, r, name)),
      at: line !== undefined ? { file: at.file, line } : { file: at.file },
    };
  });
}

/** The rule groups of one YAML document, whatever of the three shapes it is; [] when it holds none. */
function groupsOf(doc: Located): GroupModel[] {
  const groups = get(doc.node, 'groups');
  if (groups !== undefined) return readGroups(doc, groups);
  if (scalar(get(doc.node, 'kind')) === 'PrometheusRule') return readGroups(doc, get(get(doc.node, 'spec'), 'groups') ?? doc.node);
  if (scalar(get(doc.node, 'kind')) === 'List') return items(get(doc.node, 'items')).flatMap((item) => groupsOf({ ...doc, node: item }));
  const serverFiles = get(doc.node, 'serverFiles');
  if (serverFiles !== undefined) {
    return entries(serverFiles).flatMap(([, value]) => {
      if (value === undefined) return [];
      const docs = isStringScalar(value) ? embedded(doc, value) : [{ ...doc, node: value }];
      return docs.flatMap((d) => {
        const g = get(d.node, 'groups');
        return g !== undefined ? readGroups(d, g) : [];
      });
    });
  }
  return [];
}

/** Reads one input file into the checks' rule model; throws InputError when it cannot (with the reason). */
export function readRuleFile(file: string): RuleFileModel {
  const groups = parseYaml(file, readText(file)).flatMap(groupsOf);
  if (groups.length === 0) {
    throw new InputError(file, undefined, 'finds no rule groups: expected a rule file (groups:), PrometheusRule manifests, or chart values with serverFiles."<name>.yml" holding groups');
  }
  return { file, groups };
}
