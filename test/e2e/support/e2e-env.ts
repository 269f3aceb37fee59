import path from "node:path";

export const E2E_PORT = Number(process.env.LANTERN_E2E_PORT ?? 3100);
export const E2E_DATA_DIR = path.resolve(".tmp", "e2e-data");
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e admin password" };
