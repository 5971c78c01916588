// dashboard/grid: every panel has a gridPos inside the 24-column grid, and no two panels overlap. Grafana
// pushes overlapping panels around on load, so the dashboard on screen is not the one in the code (the SDK's
// automatic placement lets a panel run past column 24 when widths do not add up).
import type { DashboardCheck, DashboardProblem, Panel } from './model.ts';
import { allPanels } from './model.ts';

interface Placed {
  readonly panel: Panel;
  readonly path: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const name = (p: Placed) => `${p.panel.type === 'row' ? 'row' : 'panel'} ${p.panel.id ?? '?'} "${p.panel.title ?? ''}"`;
const box = (p: Placed) => `x ${p.x}, y ${p.y}, w ${p.w}, h ${p.h}`;

export const check: DashboardCheck = {
  id: 'dashboard/grid',
  summary: 'panels sit inside the 24-column grid and do not overlap',
  run: (dashboards) =>
    dashboards.flatMap((d) => {
      const out: DashboardProblem[] = [];
      // Top-level panels share one grid; the panels of a collapsed row share another (shown when it opens).
      const grids = new Map<string, Placed[]>();
      for (const { panel, path } of allPanels(d.json)) {
        const id = typeof panel.id === 'number' ? panel.id : undefined;
        const g = panel.gridPos;
        if (!g || ![g.x, g.y, g.w, g.h].every((n) => Number.isInteger(n))) {
          out.push({ dashboard: d, ...(id !== undefined ? { panelId: id } : {}), field: `${path}.gridPos`, message: 'has no complete gridPos (integer x, y, w, h)', fix: 'let DashboardDraft place it, or give x, y, w and h' });
          continue;
        }
        const placed: Placed = { panel, path, x: g.x, y: g.y, w: g.w, h: g.h };
        if (g.w < 1 || g.h < 1 || g.x < 0 || g.y < 0 || g.x + g.w > 24) {
          out.push({ dashboard: d, ...(id !== undefined ? { panelId: id } : {}), field: `${path}.gridPos`, message: `${box(placed)} lies outside the 24-column grid`, fix: 'keep x >= 0, w >= 1, h >= 1 and x + w <= 24: make the widths of a line add up to 24' });
          continue;
        }
        const key = path.replace(/\.panels\[\d+\]$/, '');
        const grid = path.includes('.panels[') ? key : '';
        if (!grids.has(grid)) grids.set(grid, []);
        grids.get(grid)!.push(placed);
      }
      for (const placed of grids.values()) {
        for (let i = 0; i < placed.length; i++) {
          for (let j = 0; j < i; j++) {
            const a = placed[j]!;
            const b = placed[i]!;
            if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
              const id = typeof b.panel.id === 'number' ? b.panel.id : undefined;
              out.push({ dashboard: d, ...(id !== undefined ? { panelId: id } : {}), field: `${b.path}.gridPos`, message: `${name(b)} (${box(b)}) overlaps ${name(a)} (${box(a)})`, fix: 'make the widths of each line add up to 24, or place the panels apart' });
            }
          }
        }
      }
      return out;
    }),
};
