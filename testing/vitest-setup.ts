// Runs in every test file: whatever a test file started or created is gone when it ends, passed or failed.
import { afterAll } from 'vitest';
import { stopAllProcesses } from './processes.ts';
import { removeTempDirs } from './tmp.ts';

afterAll(async () => {
  await stopAllProcesses();
  removeTempDirs();
});
