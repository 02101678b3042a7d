import { describe, expect, it } from "vitest";
import { debtFieldsOf, ZDebtForm, type DebtFormInput } from "@/app/(app)/clients/_components/debt-form-schema";
import { parseMoney } from "@/app/_components/money-input";
import { ZCreateDebtInput } from "@/server/schemas/assessment";

const LENDER = "7d1f2c3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f";
const CLIENT = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

/** The form's values as the page starts a new debt, with what a person typed. */
function typed(over: Partial<DebtFormInput> = {}): DebtFormInput {
  return {
    lenderId: LENDER,
    contractNumber: "",
    loanDate: "",
    receivedFen: undefined,
    originalPrincipalFen: parseMoney("20000")!,
    outstandingPrincipalFen: parseMoney("18,000.50")!,
    interestFen: 0,
    penaltyFen: 0,
    feesFen: 0,
    rateValue: "18",
    rateUnit: "annual",
    penaltyRateValue: "",
    penaltyRateUnit: "daily",
    overdueSince: "",
    creditReported: "unknown",
    collectionStatus: "none",
    notes: "",
    cashFlows: [],
    ...over,
  };
}

const problems = (values: DebtFormInput) => {
  const r = ZDebtForm.safeParse(values);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("the debt form over the procedure's fields", () => {
  it("what the form checks is what debt.create takes: blanks are not given, the second rate's unit only with it", () => {
    const values = ZDebtForm.parse(typed());
    const input = { ...debtFieldsOf(values), clientId: CLIENT };
    expect(ZCreateDebtInput.parse(input)).toEqual(input);
    expect(input).toMatchObject({ originalPrincipalFen: 2_000_000, outstandingPrincipalFen: 1_800_050 });
    expect(input.loanDate).toBeUndefined();
    expect(input.penaltyRateUnit).toBeUndefined();
    expect(debtFieldsOf(ZDebtForm.parse(typed({ penaltyRateValue: "0.05" })))).toMatchObject({
      penaltyRateValue: "0.05",
      penaltyRateUnit: "daily",
    });
    // An edit keeps the term the list knows (the form has no field for it).
    expect(debtFieldsOf(values, 12).termMonths).toBe(12);
  });

  it("a bad amount is refused on its own field with the procedure's reason", () => {
    expect(problems(typed({ outstandingPrincipalFen: parseMoney("-5") }))).toEqual({ outstandingPrincipalFen: "input.amountNegative" });
    expect(problems(typed({ originalPrincipalFen: parseMoney("100000000.01") }))).toEqual({ originalPrincipalFen: "input.amountTooLarge" });
    expect(problems(typed({ interestFen: parseMoney("abc") }))).toEqual({ interestFen: "input.amountNotNumber" });
    expect(problems(typed({ originalPrincipalFen: parseMoney("") }))).toEqual({ originalPrincipalFen: "input.amountNotNumber" });
    // As people write amounts: full-width comma, yuan sign.
    expect(problems(typed({ outstandingPrincipalFen: parseMoney("￥1，000") }))).toEqual({});
  });

  it("no lender chosen, a bad rate and a cash flow without its day are named by field", () => {
    expect(problems(typed({ lenderId: "" }))).toEqual({ lenderId: "chooseLender" });
    expect(problems(typed({ rateValue: "18%" }))).toEqual({ rateValue: "invalidRate" });
    const flows = problems(typed({ cashFlows: [{ date: "", amountFen: parseMoney("0")!, direction: "disbursement" }] }));
    expect(Object.keys(flows).sort()).toEqual(["cashFlows.0.amountFen", "cashFlows.0.date"]);
  });
});
