import { check } from './uid.ts';
import { dashboardTableTest, exampleDashboard, withJson } from './testing.ts';

dashboardTableTest(check, [
  { name: 'accepts distinct valid uids', dashboards: () => [exampleDashboard(), exampleDashboard({ uid: 'example-2', title: 'Example 2' })], findings: 0 },
  { name: 'accepts a uid of exactly 40 characters', dashboards: () => [exampleDashboard({ uid: 'a'.repeat(40) })], findings: 0 },
  { name: 'refuses a uid of 41 characters', dashboards: () => [exampleDashboard({ uid: 'a'.repeat(41) })], findings: 1 },
  { name: 'refuses a uid with a dot', dashboards: () => [exampleDashboard({ uid: 'homelab.dns' })], findings: 1 },
  { name: 'refuses two dashboards with one uid', dashboards: () => [exampleDashboard(), exampleDashboard({ title: 'Example 2' })], findings: 1 },
  { name: 'refuses uids that give one ConfigMap name', dashboards: () => [exampleDashboard({ uid: 'Example_1' }), exampleDashboard({ uid: 'example-1', title: 'Example 2' })], findings: 1 },
  { name: 'refuses JSON whose uid is not the declared one', dashboards: () => [withJson(exampleDashboard(), (j) => (j.uid = 'other'))], findings: 1 },
]);
