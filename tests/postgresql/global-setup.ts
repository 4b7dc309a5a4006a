// `npm run test:postgresql`: one private PostgreSQL server for the run (Debian's binaries, a temporary
// directory, a free port); each test file creates its own database on it (tests/support/test-db.ts).
import { startPostgres } from "../../scripts/services/private-services.mjs";

let server: Awaited<ReturnType<typeof startPostgres>> | null = null;

export async function setup() {
  server = await startPostgres();
  process.env.TEST_POSTGRES_ADMIN_URL = server.adminUrl;
}

export async function teardown() {
  await server?.stop();
}
