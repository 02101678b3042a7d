// subset-font ships no types; the one call used by server/services/letters.ts.
declare module "subset-font" {
  export default function subsetFont(
    font: Buffer | Uint8Array,
    text: string,
    options?: { targetFormat?: "truetype" | "woff" | "woff2" | "sfnt"; preserveNameIds?: number[] },
  ): Promise<Buffer>;
}
