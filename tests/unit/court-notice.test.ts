import { describe, expect, it } from "vitest";
import { checkCourtName, checkNotice, parseCaseNumber } from "../../server/domain/court-notice";

const today = "2026-12-01";

describe("parseCaseNumber", () => {
  it("reads a basic court's civil first-instance number", () => {
    const r = parseCaseNumber("（2026）京0105民初12345号", today);
    expect(r).toEqual({
      ok: true,
      value: {
        text: "（2026）京0105民初12345号",
        year: 2026,
        courtCode: "京0105",
        typeCode: "民初",
        type: "civil-first-instance",
        serial: 12345,
      },
    });
  });

  it("accepts half-width brackets and normalises them", () => {
    const r = parseCaseNumber("(2025)沪01民终987号", today);
    expect(r.ok && r.value.text).toBe("（2025）沪01民终987号");
  });

  it("reads enforcement and pre-suit mediation numbers", () => {
    expect(parseCaseNumber("（2026）粤0304执5678号", today)).toMatchObject({ ok: true, value: { type: "enforcement" } });
    expect(parseCaseNumber("（2026）浙0110民诉前调321号", today)).toMatchObject({ ok: true, value: { type: "pre-suit-mediation" } });
  });

  it("says what is wrong", () => {
    expect(parseCaseNumber("2026京0105民初12345号", today)).toEqual({ ok: false, problem: "format" });
    expect(parseCaseNumber("（2026）X0105民初12345号", today)).toEqual({ ok: false, problem: "format" });
    expect(parseCaseNumber("（2026）京010民初12345号", today)).toEqual({ ok: false, problem: "format" });
    expect(parseCaseNumber("（2027）京0105民初12345号", today)).toEqual({ ok: false, problem: "year" });
    expect(parseCaseNumber("（2014）京0105民初12345号", today)).toEqual({ ok: false, problem: "year" });
    expect(parseCaseNumber("（2026）京0105催收12345号", today)).toEqual({ ok: false, problem: "type" });
  });
});

describe("checkCourtName", () => {
  it("knows the listed courts by name", () => {
    expect(checkCourtName("北京互联网法院")).toBe("listed");
    expect(checkCourtName("广东省高级人民法院")).toBe("listed");
    expect(checkCourtName("最高人民法院")).toBe("listed");
  });
  it("a regular basic court's name is plausible, not confirmed", () => {
    expect(checkCourtName("北京市朝阳区人民法院")).toBe("plausible");
  });
  it("flags names no court has", () => {
    expect(checkCourtName("深圳互联网法院")).toBe("unlisted-special");
    expect(checkCourtName("东方省高级人民法院")).toBe("unlisted-special");
    expect(checkCourtName("最高法院执行局催收中心法院")).toBe("not-a-court-name");
  });
});

describe("checkNotice", () => {
  it("a message asking for a transfer to a personal account shows warning signs", () => {
    const r = checkNotice(
      "【北京互联网法院】您的案件（2026）京0491民初1234号已立案，请于24小时内转账到个人账户6222020200112233445，否则冻结账户。",
      today,
    );
    expect(r.summary).toBe("warning");
    const codes = r.signals.map((s) => s.code);
    expect(codes).toEqual(expect.arrayContaining(["case-number-ok", "court-listed", "personal-account", "pressure"]));
  });

  it("a bad case number and a made-up court are warnings", () => {
    const r = checkNotice("深圳互联网法院通知：案号（2026）深民催12号，请联系处理。", today);
    expect(r.summary).toBe("warning");
    expect(r.signals.map((s) => s.code)).toEqual(expect.arrayContaining(["case-number-bad", "court-unlisted"]));
  });

  it("a plain summons-like text shows no signs, which is not a verdict that it is real", () => {
    const r = checkNotice(
      "北京市朝阳区人民法院：（2026）京0105民初12345号，原告某消费金融有限公司诉你借款合同纠纷一案，请于收到后十五日内提交答辩状。",
      today,
    );
    expect(r.summary).toBe("no-signs");
    expect(r.signals.map((s) => s.code)).toEqual(["case-number-ok", "court-plausible"]);
  });

  it("arbitration is pointed out and a message with no case number says so", () => {
    const r = checkNotice("网络仲裁委员会：你的欠款已进入仲裁程序。", today);
    expect(r.signals.map((s) => s.code)).toEqual(expect.arrayContaining(["case-number-missing", "arbitration"]));
  });
});
