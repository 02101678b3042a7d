import { describe, expect, it } from "vitest";
import { blankAsUndefined, emptyChoiceAsUndefined, numberFromText } from "@/app/_components/form-values";
import { ZCreateClientInput } from "@/server/schemas/assessment";

const shape = ZCreateClientInput.shape;

describe("form values to what a procedure takes", () => {
  it("a blank optional text is not given; a typed one is checked by the procedure's own rule", () => {
    const phone = blankAsUndefined(shape.phone);
    expect(phone.parse("")).toBeUndefined();
    expect(phone.parse("   ")).toBeUndefined();
    expect(phone.parse("139 1234 5678")).toBe("139 1234 5678".trim());
    const bad = phone.safeParse("12345");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("invalidPhone");
  });

  it("a number field's text is a number, blank is not given, and the bounds are the procedure's", () => {
    const household = numberFromText(shape.householdSize);
    expect(household.parse("3")).toBe(3);
    expect(household.parse(" 12 ")).toBe(12);
    expect(household.parse("")).toBeUndefined();
    expect(household.safeParse("0").success).toBe(false);
    expect(household.safeParse("31").success).toBe(false);
    expect(household.safeParse("2.5").success).toBe(false);
    expect(household.safeParse("three").success).toBe(false);
  });

  it("an empty choice is none; any other value must be one of the vocabulary", () => {
    const employment = emptyChoiceAsUndefined(shape.employment);
    expect(employment.parse("")).toBeUndefined();
    expect(employment.parse("employed")).toBe("employed");
    expect(employment.safeParse("astronaut").success).toBe(false);
  });
});
