// Run once by run.sh before the tests: waits for the server and creates one officer per role
// through the users API, as the administrator.

import { call, login, waitHealthy } from './api.js';
import { ADMIN, OFFICERS, OFFICER_PASSWORD } from './users.js';

await waitHealthy();
const token = await login(ADMIN);
for (const officer of Object.values(OFFICERS)) {
  const r = await call('POST', '/api/v1/users', { token, body: { ...officer, password: OFFICER_PASSWORD } });
  if (r.status !== 201) {
    console.error(`creating ${officer.username} failed: ${r.status} ${r.text}`);
    process.exit(1);
  }
}
await call('DELETE', '/api/v1/session', { token });
console.log(`created ${Object.keys(OFFICERS).length} officers`);
