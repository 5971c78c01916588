// dashboard/title: titles are unique within a folder (compared ignoring case), and the folder is one the
// sidecar can create. On a duplicate title in a folder Grafana's provisioning stops updating every dashboard of
// the provider. The folder comes from the grafana_folder annotation, and only its last path segment becomes a
// (flat) folder title; "General" is Grafana's built-in folder, which the sidecar fails to create, and that
// failure aborts the whole provisioning walk.
import type { DashboardCheck, DashboardProblem } from './model.ts';

export const check: DashboardCheck = {
  id: 'dashboard/title',
  summary: 'titles are unique per folder; folders are flat, named, and not "General"',
  run: (dashboards) => {
    const out: DashboardProblem[] = [];
    const seen = new Map<string, string>();
    for (const d of dashboards) {
      if (!d.title.trim()) out.push({ dashboard: d, field: 'title', message: 'the title is empty', fix: 'give the dashboard a title' });
      if (d.json.title !== d.title) out.push({ dashboard: d, field: 'title', message: `the JSON's title ${JSON.stringify(d.json.title ?? null)} is not the dashboard's title "${d.title}"`, fix: 'set the title once, in the DashboardDraft options' });
      const folder = d.folder.trim();
      if (!folder) out.push({ dashboard: d, field: 'folder', message: 'the folder is empty', fix: 'set grafanaFolder in core/config.ts or the dashboard\'s folder option' });
      else if (folder.toLowerCase() === 'general') out.push({ dashboard: d, field: 'folder', message: 'folder "General" is Grafana\'s built-in folder: the sidecar cannot create it, and provisioning of every dashboard stops', fix: 'choose another folder name' });
      else if (folder.includes('/')) out.push({ dashboard: d, field: 'folder', message: `folder "${folder}" has a "/": only its last segment would become the folder title`, fix: 'use one flat folder title' });
      const key = `${folder.toLowerCase()}\0${d.title.trim().toLowerCase()}`;
      const other = seen.get(key);
      if (other !== undefined) {
        out.push({ dashboard: d, field: 'title', message: `title "${d.title}" is also the title of dashboard "${other}" in folder "${folder}"; Grafana then stops provisioning every dashboard of the sidecar`, fix: 'give each dashboard of a folder its own title, or move one to another folder' });
      } else seen.set(key, d.uid);
    }
    return out;
  },
};
