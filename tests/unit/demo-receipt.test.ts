import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { fallbackPng, receiptPng, receiptSvg } from "@/db/demo/receipt";
import { sniffFileType } from "@/server/domain/file-type";

/** Width and height from a PNG's IHDR chunk. */
const size = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
const facts = {
  amountFen: 123_456,
  paidOn: "2026-11-14",
  minute: 1140,
  method: "alipay" as const,
  payee: "招联消费金融",
  ref: "20261114208800030012",
};

describe("the demo's receipt images", () => {
  it("show the payment's own amount, day, payee and reference", () => {
    const svg = receiptSvg(facts);
    expect(svg).toContain("¥1,234.56");
    expect(svg).toContain("2026-11-14 19:00");
    expect(svg).toContain("招联消费金融");
    expect(svg).toContain(facts.ref);
    expect(receiptSvg({ ...facts, payee: "<b>&" })).toContain("&lt;b&gt;&amp;");
  });

  it("are phone-screen PNGs the upload check accepts, a few kilobytes, the same bytes for the same payment", async () => {
    const png = await receiptPng(facts);
    expect(sniffFileType(png)?.mime).toBe("image/png");
    expect(size(png)).toEqual({ width: 360, height: 640 });
    expect(png.length).toBeGreaterThan(2_000);
    expect(png.length).toBeLessThan(60_000);
    expect((await receiptPng(facts)).equals(png)).toBe(true);
    expect((await receiptPng({ ...facts, amountFen: 99_900 })).equals(png)).toBe(false);
  });

  it("fall back to a hand-encoded page image that is a valid PNG", () => {
    const png = fallbackPng();
    expect(sniffFileType(png)?.mime).toBe("image/png");
    expect(size(png)).toEqual({ width: 90, height: 160 });
    const idat = png.indexOf("IDAT");
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect(raw.length).toBe((90 + 1) * 160);
  });
});
