import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { describe, expect, it } from "vitest";
import { AppError, APP_ERROR_CODES, ERROR_TABLE } from "@/server/errors";
import { loadMessages } from "@/app/_i18n/messages";

describe("the one error table", () => {
  it("gives each code the HTTP status tRPC sends for its tRPC code, so both transports answer alike", () => {
    for (const code of APP_ERROR_CODES) {
      expect(getHTTPStatusCodeFromError(new TRPCError({ code: ERROR_TABLE[code].trpc })), code).toBe(ERROR_TABLE[code].http);
    }
  });

  it("names a default message that both languages have", async () => {
    const [en, zh] = await Promise.all([loadMessages("en"), loadMessages("zh-CN")]);
    for (const code of APP_ERROR_CODES) {
      const key = new AppError(code).messageKey;
      expect(key).toBe(ERROR_TABLE[code].messageKey);
      expect((en as { errors: Record<string, unknown> }).errors[key], `en errors.${key}`).toBeTypeOf("string");
      expect((zh as { errors: Record<string, unknown> }).errors[key], `zh errors.${key}`).toBeTypeOf("string");
    }
  });
});
