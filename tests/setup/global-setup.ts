import { testSettings } from "../settings";
import { prepareTestDatabase } from "./test-state";

// Tests run against their own, migrated database; never the development one. `npm test` has
// already made it afresh; a targeted `npx vitest run` makes sure it exists.
export default async function globalSetup() {
  await prepareTestDatabase(testSettings.TEST_DATABASE_URL);
}
