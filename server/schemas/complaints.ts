import { z } from "zod";
import { COMPLAINT_CHANNELS, COMPLAINT_FILERS, COMPLAINT_OUTCOMES, COMPLAINT_SUBJECTS } from "@/server/domain/complaints";
import { zId, zLine, zPastDate, zRequiredText, zText, zVersion } from "./common";

export const ZComplaintCase = z.strictObject({ caseId: zId });

export const ZFileComplaint = z.strictObject({
  caseId: zId,
  channel: z.enum(COMPLAINT_CHANNELS),
  subject: z.enum(COMPLAINT_SUBJECTS),
  details: zRequiredText(4000),
  reference: zLine(100).optional(),
  filedBy: z.enum(COMPLAINT_FILERS),
  filedOn: zPastDate,
  contactEntryIds: z.array(zId).max(50).optional(),
  proposalId: zId.optional(),
  /** Filed by the agency: the client's authorisation it is filed under (none given: the one that covers it). */
  authorisationId: zId.optional(),
});
export type FileComplaintInput = z.infer<typeof ZFileComplaint>;

export const ZExtendComplaint = z.strictObject({
  caseId: zId,
  complaintId: zId,
  extendedOn: zPastDate,
  note: zText(1000).optional(),
  version: zVersion,
});

export const ZAnswerComplaint = z.strictObject({
  caseId: zId,
  complaintId: zId,
  answeredOn: zPastDate,
  outcome: z.enum(COMPLAINT_OUTCOMES),
  answer: zRequiredText(4000),
  version: zVersion,
});
