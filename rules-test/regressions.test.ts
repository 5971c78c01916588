// Legacy rules versus ours on the same incidents (cases/regressions.ts), one promtool run.
import { registerSuite } from './harness.ts';
import { suite } from './cases/regressions.ts';

registerSuite(suite);
