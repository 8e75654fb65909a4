import { execFileSync } from "node:child_process";
import path from "node:path";

// The real `prisma migrate deploy` (through scripts/db.ts), exactly as the server runs it on start.
export function migrateDatabase(databaseUrl: string): void {
  execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/db.ts", "migrate"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
