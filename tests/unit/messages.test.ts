import { describe, expect, it } from "vitest";
import enAssessment from "@/messages/en/assessment.json";
import enBalance from "@/messages/en/balance.json";
import enBounds from "@/messages/en/bounds.json";
import enCalendar from "@/messages/en/calendar.json";
import enCases from "@/messages/en/cases.json";
import enComplaints from "@/messages/en/complaints.json";
import enCore from "@/messages/en/core.json";
import enDemo from "@/messages/en/demo.json";
import enNotifications from "@/messages/en/notifications.json";
import enPortalAccess from "@/messages/en/portal-access.json";
import enRules from "@/messages/en/rules.json";
import enTerms from "@/messages/en/terms.json";
import enLegal from "@/messages/en/legal.json";
import enWorkspace from "@/messages/en/workspace.json";
import zhAssessment from "@/messages/zh-CN/assessment.json";
import zhBalance from "@/messages/zh-CN/balance.json";
import zhBounds from "@/messages/zh-CN/bounds.json";
import zhCalendar from "@/messages/zh-CN/calendar.json";
import zhCases from "@/messages/zh-CN/cases.json";
import zhComplaints from "@/messages/zh-CN/complaints.json";
import zhCore from "@/messages/zh-CN/core.json";
import zhDemo from "@/messages/zh-CN/demo.json";
import zhNotifications from "@/messages/zh-CN/notifications.json";
import zhPortalAccess from "@/messages/zh-CN/portal-access.json";
import zhRules from "@/messages/zh-CN/rules.json";
import zhTerms from "@/messages/zh-CN/terms.json";
import zhLegal from "@/messages/zh-CN/legal.json";
import zhWorkspace from "@/messages/zh-CN/workspace.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const FILES = {
  core: [zhCore, enCore],
  assessment: [zhAssessment, enAssessment],
  cases: [zhCases, enCases],
  workspace: [zhWorkspace, enWorkspace],
  notifications: [zhNotifications, enNotifications],
  calendar: [zhCalendar, enCalendar],
  portalAccess: [zhPortalAccess, enPortalAccess],
  bounds: [zhBounds, enBounds],
  balance: [zhBalance, enBalance],
  terms: [zhTerms, enTerms],
  demo: [zhDemo, enDemo],
  legal: [zhLegal, enLegal],
  complaints: [zhComplaints, enComplaints],
  rules: [zhRules, enRules],
} as const;

const zh = new Map(Object.values(FILES).flatMap(([z]) => [...flatten(z as Tree)]));
const en = new Map(Object.values(FILES).flatMap(([, e]) => [...flatten(e as Tree)]));

describe("the messages", () => {
  it("say everything in both languages", () => {
    for (const [name, [z, e]] of Object.entries(FILES)) {
      expect([...flatten(z as Tree).keys()].sort(), name).toEqual([...flatten(e as Tree).keys()].sort());
    }
  });

  it("call the counselor 咨询师 and counselor, one word each", () => {
    for (const [key, value] of zh) expect(value.replaceAll("理财顾问", ""), key).not.toContain("顾问");
    for (const [key, value] of en) expect(value, key).not.toMatch(/counsellor|caseworker/i);
  });

  it("use Chinese punctuation between Chinese words, and no (s) plurals in English", () => {
    const cjk = "[\\u4e00-\\u9fff]";
    const ascii = new RegExp(`${cjk}\\s?[:;,]\\s?(${cjk}|\\{)|${cjk}\\s?\\((?!\\.ics)`);
    for (const [key, value] of zh) expect(value, key).not.toMatch(ascii);
    for (const [key, value] of en) expect(value, key).not.toMatch(/\w\(s\)/);
  });
});
