import { check } from './title.ts';
import { dashboardTableTest, exampleDashboard, withJson } from './testing.ts';

dashboardTableTest(check, [
  { name: 'accepts one title in two folders', dashboards: () => [exampleDashboard(), exampleDashboard({ uid: 'example-2', folder: 'Elsewhere' })], findings: 0 },
  { name: 'refuses one title twice in a folder', dashboards: () => [exampleDashboard(), exampleDashboard({ uid: 'example-2' })], findings: 1 },
  { name: 'refuses titles that differ only in case in a folder', dashboards: () => [exampleDashboard(), exampleDashboard({ uid: 'example-2', title: 'EXAMPLE' })], findings: 1 },
  { name: 'refuses the folder General', dashboards: () => [exampleDashboard({ folder: 'General' })], findings: 1 },
  { name: 'refuses a folder path', dashboards: () => [exampleDashboard({ folder: 'Homelab/DNS' })], findings: 1 },
  { name: 'refuses an empty folder', dashboards: () => [exampleDashboard({ folder: ' ' })], findings: 1 },
  { name: 'refuses an empty title', dashboards: () => [exampleDashboard({ title: '' })], findings: 1 },
  { name: 'refuses JSON whose title is not the declared one', dashboards: () => [withJson(exampleDashboard(), (j) => (j.title = 'Other'))], findings: 1 },
]);
