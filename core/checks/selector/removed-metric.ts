// selector/removed-metric: a metric its producer removed or renamed (CoreDNS 1.11 replaced coredns_forward_*
// with coredns_proxy_*; kube-state-metrics 2.0 renamed kube_hpa_* to kube_horizontalpodautoscaler_*). A rule
// written for the old version reads nothing after the upgrade. The producer inventories record what was removed,
// from which version, and what replaces it; a removal still ahead of the version in use is a note.
import type { Check } from '../model.ts';
import { knownSelectors, where } from './known.ts';

export const check: Check = {
  id: 'selector/removed-metric',
  summary: 'a selector must not read a metric its producer removed or renamed',
  rule: (s, ctx) =>
    knownSelectors(s, ctx).flatMap(({ sel, def }) => {
      const r = def.retired;
      if (!r) return [];
      const producer = def.producer;
      const version = producer.version ? `${producer.id} ${producer.version}` : producer.id;
      const why = `${r.replacement ? `; its replacement is ${r.replacement}` : ''}${r.note ? ` (${r.note})` : ''}${r.source ? ` [${r.source}]` : ''}`;
      if (r.gone) {
        return [{
          field: 'expr',
          message: `${where(sel)}: ${def.name} was removed from ${producer.id} in ${r.version}, so ${version} never emits it${why}`,
          fix: r.replacement ? `read ${r.replacement} instead` : `read what ${producer.id} ${r.version} offers instead, or drop the rule`,
        }];
      }
      return [{
        field: 'expr',
        message: `${where(sel)}: ${def.name} is still emitted by ${version} but removed in ${r.version}${why}`,
        fix: r.replacement ? `move to ${r.replacement} before upgrading ${producer.id}` : `plan a replacement before upgrading ${producer.id}`,
        severity: 'info',
      }];
    }),
};
