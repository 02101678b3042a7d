import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openPglite } from "@/db/client";

describe("the embedded database folder", () => {
  it("keeps data across a clean close and reopen", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "xs-pglite-"));
    const pg = await openPglite(dir);
    await pg.exec("create table kept (x int); insert into kept values (42)");
    await pg.close();
    const again = await openPglite(dir);
    expect((await again.query<{ x: number }>("select x from kept")).rows).toEqual([{ x: 42 }]);
    await again.close();
  });

  it("a damaged folder gets a clear error that says how to restore", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "xs-pglite-"));
    const pg = await openPglite(dir);
    await pg.query("create table t (x int)");
    await pg.close();
    writeFileSync(path.join(dir, "global", "pg_control"), Buffer.alloc(100, 7));
    await expect(openPglite(dir)).rejects.toThrow(/could not be opened.*damaged.*restore a backup copy of the folder/s);
  });
});
