import { describe, expect, it } from "vitest";
import { sniffFileType } from "../../server/domain/file-type";

const bytes = (...parts: Array<number[] | string>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

describe("sniffFileType", () => {
  it.each([
    ["pdf", bytes("%PDF-1.7\n%âãÏÓ\n")],
    ["jpeg", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF")],
    ["png", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR")],
    ["heic", bytes([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0], "mif1heic")],
    ["heic", bytes([0, 0, 0, 0x1c], "ftypXXXX", [0, 0, 0, 0], "abcdmif1heic")],
    ["docx", bytes([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0], "[Content_Types].xml....word/document.xml")],
  ] as const)("recognises %s", (type, data) => {
    expect(sniffFileType(data)?.type).toBe(type);
  });

  it.each([
    ["a Windows executable renamed .pdf", bytes("MZ", [0x90, 0, 3, 0], "This program cannot be run in DOS mode")],
    ["an ELF binary", bytes([0x7f], "ELF", [2, 1, 1])],
    ["a plain zip", bytes([0x50, 0x4b, 0x03, 0x04], "hello.txt")],
    ["an xlsx", bytes([0x50, 0x4b, 0x03, 0x04], "[Content_Types].xml xl/workbook.xml")],
    ["an mp4", bytes([0, 0, 0, 0x18], "ftypisom", [0, 0, 0, 0], "isomavc1")],
    ["text", bytes("hello %PDF-")],
    ["empty", bytes()],
  ])("refuses %s", (_name, data) => {
    expect(sniffFileType(data)).toBeNull();
  });
});
