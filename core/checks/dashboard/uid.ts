// dashboard/uid: a uid is at most 40 characters of [A-Za-z0-9_-] (Grafana refuses longer ones and other
// characters), and no two dashboards share one: on a duplicate, Grafana's file provisioning stops updating
// every dashboard of the provider (the sidecar's dashboards all share one), with only a log line.
import { configMapName } from '../../emit/grafana.ts';
import type { DashboardCheck, DashboardProblem } from './model.ts';

export const maxUidLength = 40;

export const check: DashboardCheck = {
  id: 'dashboard/uid',
  summary: 'uids are unique, at most 40 characters of [A-Za-z0-9_-], and give distinct ConfigMap names',
  run: (dashboards) => {
    const out: DashboardProblem[] = [];
    const byUid = new Map<string, string>();
    const byConfigMap = new Map<string, string>();
    for (const d of dashboards) {
      if (d.json.uid !== d.uid) out.push({ dashboard: d, field: 'uid', message: `the JSON's uid ${JSON.stringify(d.json.uid ?? null)} is not the dashboard's uid "${d.uid}"`, fix: 'set the uid once, in the DashboardDraft options' });
      if (!/^[A-Za-z0-9_-]+$/.test(d.uid) || d.uid.length > maxUidLength) {
        out.push({ dashboard: d, field: 'uid', message: `uid "${d.uid}" is ${d.uid.length} characters${/^[A-Za-z0-9_-]*$/.test(d.uid) ? '' : ' and has characters other than [A-Za-z0-9_-]'}`, fix: `use at most ${maxUidLength} characters of A-Z, a-z, 0-9, _ and -` });
        continue;
      }
      const other = byUid.get(d.uid);
      if (other !== undefined) {
        out.push({ dashboard: d, field: 'uid', message: `uid "${d.uid}" is also the uid of the dashboard titled "${other}"; Grafana then stops provisioning every dashboard of the sidecar`, fix: 'give each dashboard its own uid' });
        continue;
      }
      byUid.set(d.uid, d.title);
      const name = configMapName(d.uid);
      const clash = byConfigMap.get(name);
      if (clash !== undefined) out.push({ dashboard: d, field: 'uid', message: `uid "${d.uid}" gives the ConfigMap name "${name}", as uid "${clash}" does (names are lower-case, "_" becomes "-")`, fix: 'choose uids that differ in more than case and _/-' });
      else byConfigMap.set(name, d.uid);
    }
    return out;
  },
};
