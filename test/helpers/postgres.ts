// A throwaway PostgreSQL cluster for tests that query a real database: Debian's `postgresql`
// (installed with apt when missing and this process may: root with apt-get), a fresh data folder
// and socket in a temp folder, a free local port, trust authentication on 127.0.0.1 only. Run as
// the `postgres` user when this process is root (initdb refuses root). Never skipped: when it
// cannot start, the error says why.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const INSTALL_POSTGRES = "apt-get update && apt-get install -y postgresql";

export interface Postgres {
  host: string;
  port: number;
  username: string;
  database: string;
  stop(): void;
}

export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBin();
  const folder = mkdtempSync(join(tmpdir(), "exemplar-postgres-"));
  const data = join(folder, "data");
  const root = process.getuid?.() === 0;
  const owner = root ? ownerIds() : undefined;
  if (owner) {
    chownSync(folder, owner.uid, owner.gid);
    chmodSync(folder, 0o700);
  }
  const run = (command: string, args: string[]) => {
    const [file, argv] = owner ? ["/usr/sbin/runuser", ["-u", "postgres", "--", join(bin, command), ...args]] : [join(bin, command), args];
    try {
      execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
    } catch (error) {
      const output = `${(error as { stderr?: Buffer }).stderr ?? ""}`.trim();
      throw new Error(`PostgreSQL could not start: ${command} failed: ${output || (error as Error).message}${log(folder)}`);
    }
  };
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  run("pg_ctl", ["-D", data, "-l", join(folder, "log"), "-w", "-t", "30", "-o", `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -F`, "start"]);
  let stopped = false;
  return {
    host: "127.0.0.1",
    port,
    username: "postgres",
    database: "postgres",
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
  };
}

/** Debian's binaries (not on PATH), newest version first; installed when missing and possible. */
function postgresBin(): string {
  const found = () => {
    const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)) : [];
    return versions.map((version) => `/usr/lib/postgresql/${version}/bin`).find((bin) => existsSync(join(bin, "pg_ctl")));
  };
  let bin = found();
  if (!bin && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log(`PostgreSQL is missing; installing it for the database tests: ${INSTALL_POSTGRES}`);
    execFileSync("sh", ["-c", INSTALL_POSTGRES], { stdio: "inherit" });
    bin = found();
  }
  if (!bin) throw new Error(`The database tests need PostgreSQL's server (Debian's postgresql, in /usr/lib/postgresql/<version>/bin). Install it with:\n  ${INSTALL_POSTGRES}`);
  return bin;
}

function ownerIds(): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((entry) => entry.startsWith("postgres:"));
  if (!line) throw new Error("PostgreSQL could not start: there is no postgres user to run it as (initdb refuses root); installing Debian's postgresql creates it");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function log(folder: string): string {
  try {
    return `\n${readFileSync(join(folder, "log"), "utf8").trim().split("\n").slice(-5).join("\n")}`;
  } catch {
    return "";
  }
}
