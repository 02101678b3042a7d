/**
 * Court case numbers (案号) and the check of a "court" or "arbitration" message a client received.
 *
 * A case number is （year）court-code type-code serial 号, e.g. （2026）京0105民初12345号, under the Supreme
 * People's Court's rules on case numbers (《最高人民法院关于人民法院案件案号的若干规定》, 法〔2015〕137号, in
 * force 2016-01-01, with its annex of case-type codes 《人民法院案件类型及其代字标准》): the court code is the
 * province's one-character abbreviation followed by the court's digits (none for a high court, two for an
 * intermediate court, four for a basic court), or 最高法 for the Supreme People's Court.
 *
 * The message check only lists signs, in plain words; it never says a message is real or fake.
 */
import type { IsoDate } from "./time";

/** The one-character abbreviations of the provincial-level divisions, and 兵 for the Xinjiang Production and Construction Corps courts. */
export const PROVINCE_CODES = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新兵";

/** Case-type codes a consumer-debt case meets, from the annex of 法〔2015〕137号 (a subset: others are refused as unknown). */
export const CASE_TYPE_CODES: Readonly<Record<string, string>> = {
  民初: "civil-first-instance",
  民终: "civil-second-instance",
  民再: "civil-retrial",
  民申: "civil-retrial-application",
  民特: "civil-special",
  民督: "payment-order",
  民诉前调: "pre-suit-mediation",
  诉前调: "pre-suit-mediation",
  民诉前保: "pre-suit-preservation",
  财保: "property-preservation",
  执: "enforcement",
  执恢: "enforcement-resumed",
  执异: "enforcement-objection",
  执保: "enforcement-preservation",
  执监: "enforcement-supervision",
  执复: "enforcement-review",
};

/** The first year of the case-number rules (法〔2015〕137号 in force 2016-01-01). */
export const CASE_NUMBER_FIRST_YEAR = 2016;

export type ParsedCaseNumber = {
  /** Normalised: full-width brackets. */
  text: string;
  year: number;
  courtCode: string;
  typeCode: string;
  type: string;
  serial: number;
};

export type CaseNumberProblem = "format" | "year" | "type";

const CASE_NUMBER = new RegExp(
  `^[（(]\\s*(\\d{4})\\s*[）)]\\s*(最高法|[${PROVINCE_CODES}]\\d{0,4})([\\u4e00-\\u9fa5]{1,4}?)(\\d{1,6})\\s*号$`,
);

/** Parses a case number; the problem says what is wrong (format, a year outside the rules, an unknown type code). */
export function parseCaseNumber(
  raw: string,
  today: IsoDate,
): { ok: true; value: ParsedCaseNumber } | { ok: false; problem: CaseNumberProblem } {
  const m = CASE_NUMBER.exec(raw.trim());
  if (!m) return { ok: false, problem: "format" };
  const [, yearText, courtCode, typeCode, serialText] = m as unknown as [string, string, string, string, string];
  const year = Number(yearText);
  if (year < CASE_NUMBER_FIRST_YEAR || year > Number(today.slice(0, 4))) return { ok: false, problem: "year" };
  // A court code of 1 or 3 digits is no court level (high: none, intermediate: 2, basic: 4).
  const digits = courtCode.replace(/^\D+/, "").length;
  if (courtCode !== "最高法" && ![0, 2, 4].includes(digits)) return { ok: false, problem: "format" };
  const type = CASE_TYPE_CODES[typeCode];
  if (!type) return { ok: false, problem: "type" };
  const serial = Number(serialText);
  if (serial < 1) return { ok: false, problem: "format" };
  return { ok: true, value: { text: `（${year}）${courtCode}${typeCode}${serial}号`, year, courtCode, typeCode, type, serial } };
}

/** The high courts (one per provincial-level division), the only courts named 高级人民法院. */
export const HIGH_COURTS = [
  "北京市",
  "天津市",
  "河北省",
  "山西省",
  "内蒙古自治区",
  "辽宁省",
  "吉林省",
  "黑龙江省",
  "上海市",
  "江苏省",
  "浙江省",
  "安徽省",
  "福建省",
  "江西省",
  "山东省",
  "河南省",
  "湖北省",
  "湖南省",
  "广东省",
  "广西壮族自治区",
  "海南省",
  "重庆市",
  "四川省",
  "贵州省",
  "云南省",
  "西藏自治区",
  "陕西省",
  "甘肃省",
  "青海省",
  "宁夏回族自治区",
  "新疆维吾尔自治区",
].map((p) => `${p}高级人民法院`);

/** Specialised courts a loan case may go to, named in full (internet courts: 2017–2018; financial courts: 2018, 2021, 2022). */
export const SPECIAL_COURTS = ["北京互联网法院", "杭州互联网法院", "广州互联网法院", "上海金融法院", "北京金融法院", "成渝金融法院"];

export type CourtNameVerdict = "listed" | "plausible" | "unlisted-special" | "not-a-court-name";

/**
 * A court's name against the lists: the Supreme People's Court, a high court and a specialised court are
 * listed by name; a basic or intermediate court has a regular name (place + 人民法院 / 中级人民法院) that the
 * lists cannot confirm ("plausible": look it up); a name with 法院 that is neither is "not a court's name".
 */
export function checkCourtName(name: string): CourtNameVerdict {
  const n = name.replace(/\s/g, "");
  if (n === "最高人民法院" || HIGH_COURTS.includes(n) || SPECIAL_COURTS.includes(n)) return "listed";
  if (/(互联网|金融)法院$/.test(n) || /高级人民法院$/.test(n)) return "unlisted-special";
  if (/^[\u4e00-\u9fa5]{2,20}(中级)?人民法院$/.test(n) && !/(执行局|催收|清算|调解中心)/.test(n)) return "plausible";
  return "not-a-court-name";
}

// ---- the message check ----

export type NoticeSignal =
  | { code: "case-number-ok"; caseNumber: string }
  | { code: "case-number-bad"; caseNumber: string; problem: CaseNumberProblem }
  | { code: "case-number-missing" }
  | { code: "court-listed"; court: string }
  | { code: "court-plausible"; court: string }
  | { code: "court-unlisted"; court: string }
  | { code: "court-bad-name"; court: string }
  | { code: "personal-account" }
  | { code: "pressure" }
  | { code: "arbitration" };

export type NoticeCheck = {
  /** "warning": one or more signs a real court or arbitration body would not show; "no-signs": none found (not a verdict). */
  summary: "warning" | "no-signs";
  signals: NoticeSignal[];
};

const CASE_NUMBER_IN_TEXT = /[（(]\s*\d{4}\s*[）)]\s*[\u4e00-\u9fa5\d]{2,16}?\d{1,6}\s*号/g;
const COURT_IN_TEXT = /[\u4e00-\u9fa5]{2,24}?法院/g;
/** Courts take money only into their own accounts (诉讼费、执行款专户); these ask for a transfer to a person or an "account" outside the court. */
const PERSONAL_ACCOUNT =
  /(个人|私人|指定|安全|监管|对公以外的)(账户|帐户|银行卡|卡号)|转(账|帐)(到|至|给)|微信(转账|支付|扫码)|支付宝|扫码(付款|支付|还款)|\d{16,19}/;
const PRESSURE = /(立即|马上|今日内|当天|\d+\s*小时内).{0,12}(还款|处理|联系|转账)|冻结|拘留|逮捕|上门|通知(单位|家人|亲友)|影响子女/;
const WARNING_CODES: ReadonlySet<NoticeSignal["code"]> = new Set([
  "case-number-bad",
  "court-unlisted",
  "court-bad-name",
  "personal-account",
  "pressure",
]);

/**
 * The signs in a message that says it is from a court or an arbitration body: each case number found and
 * whether its format holds, each court named and what the lists say of it, a request to pay into a
 * personal account, pressure wording, and arbitration (which needs an arbitration agreement in the loan
 * contract, 仲裁法 Art. 4). The words are the `legal.notice` messages.
 */
export function checkNotice(text: string, today: IsoDate): NoticeCheck {
  const signals: NoticeSignal[] = [];
  const numbers = [...new Set(text.match(CASE_NUMBER_IN_TEXT) ?? [])];
  if (numbers.length === 0) signals.push({ code: "case-number-missing" });
  for (const n of numbers) {
    const parsed = parseCaseNumber(n, today);
    signals.push(
      parsed.ok
        ? { code: "case-number-ok", caseNumber: parsed.value.text }
        : { code: "case-number-bad", caseNumber: n, problem: parsed.problem },
    );
  }
  // A case number's own characters are not a court's name ("京0105民初…法院" would not match anyway).
  const courts = [
    ...new Set((text.match(COURT_IN_TEXT) ?? []).map((c) => c.replace(/^.*?(?:[，。,.:：、\s]|向|由|是|在|据|经|请|于)/, ""))),
  ];
  for (const court of courts) {
    const verdict = checkCourtName(court);
    signals.push(
      verdict === "listed"
        ? { code: "court-listed", court }
        : verdict === "plausible"
          ? { code: "court-plausible", court }
          : verdict === "unlisted-special"
            ? { code: "court-unlisted", court }
            : { code: "court-bad-name", court },
    );
  }
  if (PERSONAL_ACCOUNT.test(text)) signals.push({ code: "personal-account" });
  if (PRESSURE.test(text)) signals.push({ code: "pressure" });
  if (/仲裁/.test(text)) signals.push({ code: "arbitration" });
  return { summary: signals.some((s) => WARNING_CODES.has(s.code)) ? "warning" : "no-signs", signals };
}
