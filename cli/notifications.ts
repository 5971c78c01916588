// `npm run notifications`: renders every alert's Slack message with the cluster's templates (amtool) and writes
// docs/notifications.md. The rule tests check the file is current.
import { writeFileSync } from 'node:fs';
import { discoverSuites } from '../rules-test/harness.ts';
import { examples, markdown, notificationsDoc, renderSlack } from '../rules-test/notifications.ts';
import { removeTempDirs } from '../testing/tmp.ts';

const rendered = renderSlack(examples(await discoverSuites()));
writeFileSync(notificationsDoc, markdown(rendered));
removeTempDirs();
console.log(`wrote ${notificationsDoc}: ${rendered.length} alerts`);
