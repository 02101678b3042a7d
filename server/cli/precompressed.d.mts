import type { IncomingMessage, ServerResponse } from "node:http";

export function precompressStatic(staticDir: string): Promise<{ files: number; bytes: number; brotliBytes: number }>;
export function acceptsBrotli(header: string | string[] | undefined): boolean;
export type PrecompressedHandler = ((req: IncomingMessage, res: ServerResponse) => boolean) & { size: number };
export function createPrecompressedHandler(
  staticDir: string,
  options?: { headers?: Array<{ key: string; value: string }> },
): Promise<PrecompressedHandler>;
