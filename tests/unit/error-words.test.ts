import { createTranslator } from "next-intl";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMessages } from "@/app/_i18n/messages";
import { errorDataOf, errorWords, fieldWords, type RootTranslator } from "@/app/_components/error-words";

let en: RootTranslator;
let zh: RootTranslator;
beforeAll(async () => {
  en = createTranslator({ locale: "en", messages: await loadMessages("en") }) as unknown as RootTranslator;
  zh = createTranslator({ locale: "zh-CN", messages: await loadMessages("zh-CN") }) as unknown as RootTranslator;
});

describe("error words (the one client mapping)", () => {
  it("reads the error data of a tRPC error, a route handler's JSON and a server action's result alike", () => {
    const data = { messageKey: "notFound", requestId: "r1" };
    expect(errorDataOf({ data })).toBe(data);
    expect(errorDataOf({ error: data })).toBe(data);
    expect(errorDataOf(data)).toBe(data);
    expect(errorDataOf(null)).toEqual({});
    expect(errorDataOf(new Error("boom"))).toEqual({});
  });

  it("says an unknown error generically, with the request id, never its own text", () => {
    const w = errorWords(en, { data: { messageKey: "internal", requestId: "req-42" } });
    expect(w.message).toContain("req-42");
    expect(errorWords(en, new Error('relation "users" does not exist')).message).not.toContain("relation");
    expect(errorWords(en, { data: { messageKey: "noSuchKeyAnywhere", requestId: "req-7" } }).message).toBe(
      w.message.replace("req-42", "req-7"),
    );
  });

  it("looks a key up in the areas' words first, then the shared errors, then zod's codes", () => {
    // casesErrors.caseNotNegotiable exists only in the cases area; errors.notFound only in the shared file.
    expect(errorWords(en, { data: { messageKey: "caseNotNegotiable" } }).message).toBe(en("casesErrors.caseNotNegotiable"));
    expect(errorWords(zh, { data: { messageKey: "notFound" } }).message).toBe(zh("errors.notFound", { requestId: "-" }));
    const w = errorWords(en, {
      data: { messageKey: "invalidInput", fields: { phone: ["invalidPhone"], months: ["too_big"], x: ["nothingKnown"] } },
    });
    expect(w.fields).toEqual({
      phone: en("assessment.errors.invalidPhone"),
      months: en("validation.too_big"),
      x: en("validation.custom"),
    });
  });

  it("gives one line: an area's own words when a field has them, else the message with the first field", () => {
    expect(errorWords(en, { error: { messageKey: "invalidInput", fields: { file: ["fileEmpty"] } } }).text).toBe(
      en("casesErrors.fileEmpty"),
    );
    const generic = errorWords(en, { data: { messageKey: "invalidInput", fields: { months: ["too_big"] } } });
    expect(generic.text).toBe(`${generic.message} (months: ${en("validation.too_big")})`);
  });

  it("never says a refusal twice when its field's words are the message (the authorisation's refusal)", () => {
    for (const t of [en, zh]) {
      const data = {
        messageKey: "authorisationNone",
        fields: { authorisation: ["authorisationNone"] },
        params: { lender: "甲平台", purpose: "negotiate" },
      };
      const w = errorWords(t, { data });
      const once = t("errors.authorisationNone", { requestId: "-", lender: "甲平台" });
      expect(w.message).toBe(once);
      expect(w.fields.authorisation).toBe(once);
      expect(w.text).toBe(once);
      expect(w.text.split(once).length - 1).toBe(1);
    }
    // A field with words of its own is still named beside the message.
    const both = errorWords(en, {
      data: { messageKey: "authorisationNone", fields: { authorisation: ["authorisationNone"], months: ["too_big"] } },
    });
    expect(both.text).toBe(`${both.message} (months: ${en("validation.too_big")})`);
  });

  it("puts a form field's problem into words: the field's own limits, a schema's key, zod's code", () => {
    expect(fieldWords(en, { type: "too_small" }, "password")).toBe(en("errors.passwordTooShort"));
    expect(fieldWords(en, { type: "invalid_format" }, "email")).toBe(en("validation.email"));
    expect(fieldWords(en, { type: "custom", message: "input.controlCharacter" })).toBe(
      en("errors.input.controlCharacter", { requestId: "-" }),
    );
    expect(fieldWords(en, { type: "too_big" })).toBe(en("validation.too_big"));
    expect(fieldWords(en, { type: "server", message: "已经翻译好的话" })).toBe("已经翻译好的话");
    expect(fieldWords(en, undefined)).toBeUndefined();
  });
});
