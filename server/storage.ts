import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { env } from "@/server/env";

/**
 * Where uploaded files' bytes live. Keys are opaque ("<org id>/<document id>"), never a client's file name.
 * The default keeps them in a local folder (UPLOAD_DIR, `.data/uploads`); an S3-compatible store is a second
 * implementation of this interface, chosen here by configuration, with no change to the callers.
 */
export interface FileStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** null when there is no such object. */
  get(key: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
}

const SAFE_KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

export class LocalFolderStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!SAFE_KEY.test(key)) throw new Error(`storage: unexpected key ${JSON.stringify(key)}`);
    return path.join(this.root, key);
  }

  /** Written to a temporary name, flushed to disk, then renamed: a crash never leaves half a file. */
  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.part`;
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.file(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}

let instance: FileStorage | undefined;

export function fileStorage(): FileStorage {
  instance ??= new LocalFolderStorage(path.resolve(env().UPLOAD_DIR));
  return instance;
}

/** Tests install their own (e.g. a temporary folder). */
export function setFileStorage(storage: FileStorage): void {
  instance = storage;
}
