// Starts the fake upstream for e2e runs: `tsx e2e/support/fake-upstream-cli.ts --port 9900` (or FAKE_UPSTREAM_PORT).
import { startFakeUpstream } from './fake-upstream';

const arg = process.argv.indexOf('--port');
const port = Number(arg >= 0 ? process.argv[arg + 1] : process.env.FAKE_UPSTREAM_PORT ?? 0);
const fake = await startFakeUpstream({ port });
process.stdout.write(`${fake.url}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
