import { z } from "zod";
import { ENFORCEMENT_STATUSES, LAWSUIT_OUTCOMES, MEDIATION_BODY_KINDS } from "@/server/domain/legal-vocabulary";
import { ZProposalTerms } from "./cases";
import { zDate, zFen, zId, zInstant, zLine, zPastDate, zRequiredLine, zRequiredText, zText, zVersion } from "./common";

/** A case number as typed; its format is checked by the service (parseCaseNumber), which says what is wrong. */
const zCaseNumber = zLine(60).optional();

export const ZLawsuitFields = {
  courtName: zRequiredLine(100),
  caseNumber: zCaseNumber,
  plaintiff: zRequiredLine(200),
  servedOn: zPastDate.optional(),
  answerFiledOn: zPastDate.optional(),
  note: zText(2000).optional(),
};

export const ZCreateLawsuit = z.strictObject({ caseId: zId, ...ZLawsuitFields });
export type CreateLawsuitInput = z.infer<typeof ZCreateLawsuit>;

export const ZUpdateLawsuit = z.strictObject({ caseId: zId, lawsuitId: zId, version: zVersion, ...ZLawsuitFields });
export type UpdateLawsuitInput = z.infer<typeof ZUpdateLawsuit>;

export const ZAddHearing = z.strictObject({
  caseId: zId,
  lawsuitId: zId,
  at: zInstant,
  place: zLine(200).optional(),
  note: zText(1000).optional(),
});
export type AddHearingInput = z.infer<typeof ZAddHearing>;

/** A judgment or 调解书 with what it orders; `applyToDebt`: its amounts become the debt's figures. */
export const ZRecordJudgment = z
  .strictObject({
    caseId: zId,
    lawsuitId: zId,
    version: zVersion,
    outcome: z.enum(LAWSUIT_OUTCOMES),
    outcomeOn: zPastDate,
    principalFen: zFen.optional(),
    interestFen: zFen.optional(),
    penaltyFen: zFen.optional(),
    feesFen: zFen.optional(),
    costsFen: zFen.optional(),
    performByOn: zDate.optional(),
    applyToDebt: z.boolean(),
  })
  .refine((i) => !i.applyToDebt || i.outcome === "judgment" || i.outcome === "mediation-document", {
    message: "judgmentNoAmounts",
    path: ["applyToDebt"],
  })
  .refine((i) => !i.applyToDebt || i.principalFen !== undefined, { message: "required", path: ["principalFen"] });
export type RecordJudgmentInput = z.infer<typeof ZRecordJudgment>;

export const ZRecordEnforcement = z.strictObject({
  caseId: zId,
  lawsuitId: zId,
  version: zVersion,
  enforcementCaseNumber: zCaseNumber,
  enforcementStatus: z.enum(ENFORCEMENT_STATUSES),
  enforcementOn: zPastDate,
});
export type RecordEnforcementInput = z.infer<typeof ZRecordEnforcement>;

export const ZMediationBodyInput = z.strictObject({
  kind: z.enum(MEDIATION_BODY_KINDS),
  name: zRequiredLine(100),
  region: zLine(100).optional(),
  phone: zLine(40).optional(),
  notes: zText(2000).optional(),
});
export type MediationBodyInput = z.infer<typeof ZMediationBodyInput>;
export const ZUpdateMediationBody = ZMediationBodyInput.extend({ id: zId, version: zVersion });
export type UpdateMediationBodyInput = z.infer<typeof ZUpdateMediationBody>;

export const ZStartMediation = z.strictObject({
  caseId: zId,
  bodyId: zId,
  startedOn: zPastDate,
  preSuit: z.boolean(),
  caseNumber: zCaseNumber,
  note: zText(2000).optional(),
});
export type StartMediationInput = z.infer<typeof ZStartMediation>;

export const ZAddSession = z.strictObject({
  caseId: zId,
  mediationId: zId,
  heldOn: zPastDate,
  participants: zRequiredText(500),
  note: zText(2000).optional(),
});
export type AddSessionInput = z.infer<typeof ZAddSession>;

/** The mediation agreement's terms, the same shape as an agreement's: they make its schedule. */
export const ZRecordMediationAgreement = z
  .strictObject({ caseId: zId, mediationId: zId, version: zVersion, agreedOn: zPastDate, terms: ZProposalTerms })
  .refine((i) => i.terms.instalments !== undefined || i.terms.lumpSum !== undefined, {
    message: "changeNeedsRepayment",
    path: ["terms", "instalments", "amountFen"],
  });
export type RecordMediationAgreementInput = z.infer<typeof ZRecordMediationAgreement>;

export const ZEndMediation = z.strictObject({
  caseId: zId,
  mediationId: zId,
  version: zVersion,
  status: z.enum(["failed", "withdrawn"]),
  endedOn: zPastDate,
  note: zText(2000).optional(),
});
export type EndMediationInput = z.infer<typeof ZEndMediation>;

/** 司法确认: yes (with the day and the ruling's number) or no (undo a mistaken yes). */
export const ZRecordConfirmation = z
  .strictObject({
    caseId: zId,
    mediationId: zId,
    version: zVersion,
    confirmed: z.boolean(),
    confirmedOn: zPastDate.optional(),
    confirmationCaseNumber: zCaseNumber,
  })
  .refine((i) => !i.confirmed || i.confirmedOn !== undefined, { message: "required", path: ["confirmedOn"] });
export type RecordConfirmationInput = z.infer<typeof ZRecordConfirmation>;

export const ZCheckNotice = z.strictObject({ text: zRequiredText(2000) });
