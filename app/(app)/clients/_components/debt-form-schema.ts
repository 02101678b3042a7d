import { z } from "zod";
import { blankAsUndefined } from "@/app/_components/form-values";
import { ZDebtFields, type DebtFields } from "@/server/schemas/assessment";

/**
 * The debt form's values checked by the procedure's own fields (debt.create / debt.update without the ids the
 * page adds): the amounts are fen from MoneyInput (undefined when blank, NaN when not an amount), a blank
 * date or second rate is "not given", and no lender chosen yet says so.
 */
const shape = ZDebtFields.shape;
export const ZDebtForm = ZDebtFields.extend({
  lenderId: z.string().min(1, { message: "chooseLender" }).pipe(shape.lenderId),
  loanDate: blankAsUndefined(shape.loanDate),
  penaltyRateValue: blankAsUndefined(shape.penaltyRateValue),
  overdueSince: blankAsUndefined(shape.overdueSince),
});
export type DebtFormInput = z.input<typeof ZDebtForm>;
export type DebtFormOutput = z.output<typeof ZDebtForm>;

/** The procedure's fields from the checked values: the second rate's unit only with that rate. */
export function debtFieldsOf(values: DebtFormOutput, termMonths?: number | null): DebtFields {
  const { penaltyRateUnit, ...rest } = values;
  return {
    ...rest,
    ...(values.penaltyRateValue ? { penaltyRateUnit } : {}),
    ...(termMonths ? { termMonths } : {}),
  };
}
