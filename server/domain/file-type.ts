/**
 * What an uploaded file really is, from its first bytes (magic numbers), never from its name or the
 * browser's declared type. Only the types the product accepts are recognised; anything else is null.
 *
 * - PDF: "%PDF-" at offset 0.
 * - JPEG: FF D8 FF.
 * - PNG: 89 50 4E 47 0D 0A 1A 0A.
 * - HEIC/HEIF: an ISO-BMFF "ftyp" box at offset 4 whose major brand (or a compatible brand) is one of
 *   heic, heix, hevc, hevx, heim, heis, mif1, msf1.
 * - DOCX: a ZIP (PK 03 04) whose local file headers include "word/document.xml" or whose first entry is
 *   "[Content_Types].xml" with "word/" named somewhere in the first 64 KiB. A plain ZIP, an XLSX or a JAR is
 *   not a DOCX.
 */
export const ACCEPTED_TYPES = {
  pdf: "application/pdf",
  jpeg: "image/jpeg",
  png: "image/png",
  heic: "image/heic",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

export type AcceptedType = keyof typeof ACCEPTED_TYPES;
export type SniffResult = { type: AcceptedType; mime: (typeof ACCEPTED_TYPES)[AcceptedType]; ext: string };

const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < Math.min(end, bytes.length); i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

function result(type: AcceptedType, ext: string): SniffResult {
  return { type, mime: ACCEPTED_TYPES[type], ext };
}

function isHeif(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== "ftyp") return false;
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (HEIF_BRANDS.has(ascii(bytes, 8, 12))) return true;
  // compatible brands follow the minor version, up to the end of the ftyp box
  const end = Math.min(boxSize, bytes.length, 256);
  for (let i = 16; i + 4 <= end; i += 4) if (HEIF_BRANDS.has(ascii(bytes, i, i + 4))) return true;
  return false;
}

function isDocx(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return false;
  const head = ascii(bytes, 0, 64 * 1024);
  return head.includes("word/document.xml") || (head.includes("[Content_Types].xml") && head.includes("word/"));
}

export function sniffFileType(bytes: Uint8Array): SniffResult | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return result("pdf", "pdf");
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return result("jpeg", "jpg");
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return result("png", "png");
  if (isHeif(bytes)) return result("heic", "heic");
  if (isDocx(bytes)) return result("docx", "docx");
  return null;
}

/** 20 MB, the largest upload accepted. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
