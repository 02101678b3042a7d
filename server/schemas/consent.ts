import { z } from "zod";
import { AUTHORISATION_PURPOSES, SIGN_OFF_KINDS } from "@/server/domain/authorisation";
import { zDate, zId, zName, zText } from "./common";

export const ZAuthorisationPurpose = z.enum(AUTHORISATION_PURPOSES);

export const ZCreateAuthorisation = z.strictObject({
  clientId: zId,
  purposes: z
    .array(ZAuthorisationPurpose)
    .min(1, { message: "authorisationNoPurpose" })
    .max(AUTHORISATION_PURPOSES.length)
    .refine((p) => new Set(p).size === p.length, { message: "duplicate" }),
  allLenders: z.boolean(),
  lenderIds: z.array(zId).max(100),
  validFrom: zDate,
  validTo: zDate,
});
export type CreateAuthorisationInput = z.infer<typeof ZCreateAuthorisation>;

/** A drawn signature is a PNG from the portal's canvas, base64, well under the server action's body limit. */
export const MAX_SIGNATURE_BASE64 = 60_000;
const PNG_MAGIC = "iVBORw0KGgo";
const zPngBase64 = z
  .string()
  .max(MAX_SIGNATURE_BASE64, { message: "signatureTooLarge" })
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: "signatureNotImage" })
  .refine((s) => s.startsWith(PNG_MAGIC), { message: "signatureNotImage" });

export const ZSignature = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("drawn"), pngBase64: zPngBase64 }),
  z.strictObject({ kind: z.literal("typed"), name: zName }),
]);

export const ZSignAuthorisation = z.strictObject({
  authorisationId: zId,
  /** The SHA-256 of the document she was shown (the page puts it in the form): she signs exactly that. */
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/, { message: "authorisationDocumentChanged" }),
  signature: ZSignature,
});
export type SignAuthorisationInput = z.infer<typeof ZSignAuthorisation>;

export const ZRevokeAuthorisation = z.strictObject({ authorisationId: zId, reason: zText(500).optional() });
export type RevokeAuthorisationInput = z.infer<typeof ZRevokeAuthorisation>;

export const ZConsentSettings = z.strictObject({ authorisationRequired: z.boolean(), signOffRequired: z.boolean() });

export const ZRequestSignOff = z.strictObject({ caseId: zId, kind: z.enum(SIGN_OFF_KINDS), proposalId: zId.optional() });
export type RequestSignOffInput = z.infer<typeof ZRequestSignOff>;

export const ZRespondSignOff = z.discriminatedUnion("decision", [
  z.strictObject({ signOffId: zId, decision: z.literal("confirm"), comment: zText(1000).optional() }),
  /** A change asked for says what to change. */
  z.strictObject({ signOffId: zId, decision: z.literal("change"), comment: zText(1000).pipe(z.string().min(1, { message: "required" })) }),
]);
export type RespondSignOffInput = z.infer<typeof ZRespondSignOff>;
