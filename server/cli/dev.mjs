// `npm run dev`: the dev server on its own embedded database folder (never shared with `npm start`).
import { spawn } from "node:child_process";
import { prepareEnv } from "./prepare-env.mjs";

const env = prepareEnv({ pgliteDir: ".data/dev-db" });
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
