/**
 * The demo's receipt images: what a client's phone screenshot of a repayment looks like (a payment app's
 * "transfer done" screen), drawn as SVG with the payment's own figures and rendered to a small PNG by sharp
 * (the image library Next.js installs for its image optimisation). A payment's receipt therefore shows the
 * amount, day and method recorded with it. Where sharp cannot load, a plain page drawn in PNG by hand stands
 * in (`fallbackPng`), so the seed never depends on it.
 */
import { deflateSync } from "node:zlib";
import { formatFen } from "@/server/domain/money";

export type ReceiptFacts = {
  amountFen: number;
  paidOn: string;
  minute: number;
  method: "alipay" | "wechat" | "bank-transfer";
  payee: string;
  ref: string;
};

const METHOD: Record<ReceiptFacts["method"], { app: string; colour: string; via: string }> = {
  alipay: { app: "支付宝", colour: "#1677ff", via: "余额宝" },
  wechat: { app: "微信支付", colour: "#07c160", via: "零钱" },
  "bank-transfer": { app: "手机银行", colour: "#c8102e", via: "储蓄卡(尾号6217)" },
};

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The receipt as SVG (360 × 640, a phone screen at half scale). */
export function receiptSvg(f: ReceiptFacts): string {
  const m = METHOD[f.method];
  const time = `${String(Math.floor(f.minute / 60)).padStart(2, "0")}:${String(f.minute % 60).padStart(2, "0")}`;
  const rows: Array<[string, string]> = [
    ["交易状态", "交易成功"],
    ["收款方", f.payee],
    ["付款方式", m.via],
    ["交易时间", `${f.paidOn} ${time}:07`],
    ["交易单号", f.ref],
    ["备注", "还款"],
  ];
  const font = "Noto Sans CJK SC, Noto Serif CJK SC, WenQuanYi Micro Hei, sans-serif";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="640" viewBox="0 0 360 640">
<rect width="360" height="640" fill="#f2f3f5"/>
<rect width="360" height="56" fill="${m.colour}"/>
<text x="180" y="35" font-family="${font}" font-size="17" fill="#fff" text-anchor="middle">${escape(m.app)} · 账单详情</text>
<rect x="16" y="72" width="328" height="488" rx="10" fill="#fff"/>
<circle cx="180" cy="124" r="26" fill="${m.colour}"/>
<path d="M167 124 l9 9 l17 -18" stroke="#fff" stroke-width="5" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
<text x="180" y="180" font-family="${font}" font-size="15" fill="#555" text-anchor="middle">${escape(f.payee)}</text>
<text x="180" y="228" font-family="${font}" font-size="34" font-weight="bold" fill="#111" text-anchor="middle">-${escape(formatFen(f.amountFen))}</text>
<line x1="36" y1="262" x2="324" y2="262" stroke="#e5e6eb"/>
${rows
  .map(
    ([k, v], i) =>
      `<text x="36" y="${300 + i * 40}" font-family="${font}" font-size="14" fill="#888">${escape(k)}</text>` +
      `<text x="324" y="${300 + i * 40}" font-family="${font}" font-size="14" fill="#222" text-anchor="end">${escape(v)}</text>`,
  )
  .join("\n")}
<text x="180" y="600" font-family="${font}" font-size="12" fill="#aaa" text-anchor="middle">演示数据 · 非真实交易</text>
</svg>`;
}

type Sharp = (input: Buffer) => { png: (o: object) => { toBuffer: () => Promise<Buffer> } };
let sharpLoad: Promise<Sharp | null> | undefined;
async function loadSharp(): Promise<Sharp | null> {
  sharpLoad ??= import("sharp").then(
    (m) => (m.default ?? m) as unknown as Sharp,
    () => null,
  );
  return sharpLoad;
}

/** The receipt as a PNG (a few kilobytes: a 64-colour palette). */
export async function receiptPng(f: ReceiptFacts): Promise<Buffer> {
  const sharp = await loadSharp();
  if (!sharp) return fallbackPng();
  try {
    return await sharp(Buffer.from(receiptSvg(f)))
      .png({ palette: true, colours: 64, compressionLevel: 9 })
      .toBuffer();
  } catch {
    return fallbackPng();
  }
}

/** A 90 × 160 grey page with a white card and a few dark lines of "text", encoded by hand (no library). */
export function fallbackPng(): Buffer {
  const w = 90;
  const h = 160;
  const raw = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const card = x >= 4 && x < w - 4 && y >= 18 && y < 140;
      const line = card && x >= 10 && x < w - 10 && y >= 60 && (y - 60) % 10 < 2 && y < 130;
      raw[y * (w + 1) + 1 + x] = y < 14 ? 90 : line ? 60 : card ? 255 : 236;
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
