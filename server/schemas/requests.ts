import { z } from "zod";
import { zId, zText } from "./common";

/** A reason a person writes: required, at most 500 characters. */
const zReason = zText(500).pipe(z.string().min(1));

/** A counselor resolves a lender's document request without a new upload. */
export const ZResolveDocumentRequest = z.discriminatedUnion("resolution", [
  /** A document already on file (this client's, on this case or client-level) answers it. */
  z.strictObject({ documentRequestId: zId, resolution: z.literal("on-file"), documentId: zId, reason: zReason }),
  /** Not needed after all (the lender withdrew it, it was sent another way…). */
  z.strictObject({ documentRequestId: zId, resolution: z.literal("not-needed"), reason: zReason }),
]);
export type ResolveDocumentRequestInput = z.infer<typeof ZResolveDocumentRequest>;
