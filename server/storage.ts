import { randomUUID } from "node:crypto";
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { env, type Env } from "@/server/env";

/**
 * Where uploaded files' bytes live. Keys are opaque ("<org id>/<document id>"), never a client's file name.
 * The default keeps them in a local folder (UPLOAD_DIR, `.data/uploads`); an S3-compatible store (S3_BUCKET and
 * friends, see server/env.ts) is the second implementation, chosen here by configuration, with no change to
 * the callers. See docs/decisions/003-file-storage.md.
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

export type S3StorageOptions = {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** For stores other than AWS S3; AWS itself when absent. */
  endpoint?: string;
  forcePathStyle?: boolean;
};

/**
 * An S3-compatible object store through the AWS SDK (which signs the requests). Objects are written in one
 * PUT, which S3 makes visible whole or not at all, so a crash never leaves half a file either.
 */
export class S3Storage implements FileStorage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Checksums only where S3 requires them: many S3-compatible stores do not accept the SDK's newer
      // default (CRC32 trailers). Integrity is kept anyway: the document row holds the file's sha256.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      maxAttempts: 3,
    });
  }

  private key(key: string): string {
    if (!SAFE_KEY.test(key)) throw new Error(`storage: unexpected key ${JSON.stringify(key)}`);
    return key;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.key(key), Body: bytes, ContentType: "application/octet-stream" }),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
      if (!out.Body) return null;
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === "NoSuchKey") return null;
      throw err;
    }
  }

  /** Deleting an object that is not there succeeds, as it does for the local folder. */
  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
  }

  /** Closes the client's connections (tests; the app keeps one client for its lifetime). */
  destroy(): void {
    this.client.destroy();
  }
}

/** The store the configuration names: S3 when S3_BUCKET is set, the local folder otherwise. */
export function storageFromEnv(e: Env): FileStorage {
  if (e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY) {
    return new S3Storage({
      bucket: e.S3_BUCKET,
      region: e.S3_REGION,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      endpoint: e.S3_ENDPOINT,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
    });
  }
  return new LocalFolderStorage(path.resolve(e.UPLOAD_DIR));
}

let instance: FileStorage | undefined;

export function fileStorage(): FileStorage {
  instance ??= storageFromEnv(env());
  return instance;
}

/** Tests install their own (e.g. a temporary folder). */
export function setFileStorage(storage: FileStorage): void {
  instance = storage;
}
