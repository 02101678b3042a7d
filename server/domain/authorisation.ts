/**
 * The client's authorisation (授权委托书) and sign-off, as pure rules: the vocabulary, the state an
 * authorisation is in on a day, and whether the authorisations on file cover one act (a lender, a purpose,
 * a day) — and if not, exactly what is missing, so the refusal can name it.
 */
import type { IsoDate } from "./time";

/** What the agency may do for the client. */
export const AUTHORISATION_PURPOSES = ["negotiate", "receive-information", "file-complaint", "credit-dispute"] as const;
export type AuthorisationPurpose = (typeof AUTHORISATION_PURPOSES)[number];

export const SIGNATURE_KINDS = ["drawn", "typed"] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];

/** What the client confirms before it goes out in her name. */
export const SIGN_OFF_KINDS = ["letter", "proposal", "budget"] as const;
export type SignOffKind = (typeof SIGN_OFF_KINDS)[number];
export const SIGN_OFF_STATUSES = ["pending", "confirmed", "change-requested"] as const;
export type SignOffStatus = (typeof SIGN_OFF_STATUSES)[number];

/** The longest an authorisation may run, in days (a fresh one is asked for after that). */
export const MAX_AUTHORISATION_DAYS = 3 * 366;

/** The words the Chinese PDF uses for each purpose. */
export const PURPOSE_ZH: Record<AuthorisationPurpose, string> = {
  negotiate: "代为与出借机构协商还款方案",
  "receive-information": "代为接收出借机构提供的债务、还款及催收相关信息",
  "file-complaint": "代为向出借机构及金融监管部门提出投诉",
  "credit-dispute": "代为就个人征信记录提出异议申请",
};

export type AuthorisationState = "draft" | "signed" | "not-yet-valid" | "expired" | "revoked";

export type AuthorisationFacts = {
  id: string;
  status: "draft" | "signed" | "revoked";
  purposes: readonly AuthorisationPurpose[];
  allLenders: boolean;
  lenderIds: readonly string[];
  validFrom: IsoDate;
  validTo: IsoDate;
};

/** The state on a day: a signed one is in force from its first day to its last, expired after it. */
export function authorisationState(a: Pick<AuthorisationFacts, "status" | "validFrom" | "validTo">, on: IsoDate): AuthorisationState {
  if (a.status !== "signed") return a.status;
  if (on < a.validFrom) return "not-yet-valid";
  if (on > a.validTo) return "expired";
  return "signed";
}

/** Why no authorisation covers an act, most telling first. */
export type CoverageGap =
  | "none" // nothing signed ever (or only drafts)
  | "unsigned" // a draft waits for the client's signature
  | "revoked"
  | "expired"
  | "not-yet-valid"
  | "lender" // in force, but not for this lender
  | "purpose"; // in force for this lender, but not for this purpose

export type Coverage = { ok: true; authorisationId: string } | { ok: false; gap: CoverageGap; authorisationId: string | null };

export function coversLender(a: Pick<AuthorisationFacts, "allLenders" | "lenderIds">, lenderId: string): boolean {
  return a.allLenders || a.lenderIds.includes(lenderId);
}

/**
 * Whether one of the authorisations covers acting for `purpose` with `lenderId` on `on`. When none does, the
 * gap is that of the nearest miss: one in force that lacks the purpose, then one in force for other lenders,
 * then one for the lender that is not yet valid, expired or revoked, then a draft awaiting signature.
 */
export function coverage(
  list: readonly AuthorisationFacts[],
  act: { lenderId: string; purpose: AuthorisationPurpose; on: IsoDate },
): Coverage {
  const rank: CoverageGap[] = ["purpose", "lender", "not-yet-valid", "expired", "revoked", "unsigned"];
  let best: { gap: CoverageGap; id: string } | null = null;
  const consider = (gap: CoverageGap, id: string) => {
    if (!best || rank.indexOf(gap) < rank.indexOf(best.gap)) best = { gap, id };
  };
  for (const a of list) {
    const state = authorisationState(a, act.on);
    const lender = coversLender(a, act.lenderId);
    if (state === "signed") {
      if (lender && a.purposes.includes(act.purpose)) return { ok: true, authorisationId: a.id };
      consider(lender ? "purpose" : "lender", a.id);
    } else if (state === "draft") consider("unsigned", a.id);
    else if (lender) consider(state, a.id);
    else consider("lender", a.id);
  }
  const found = best as { gap: CoverageGap; id: string } | null;
  return found ? { ok: false, gap: found.gap, authorisationId: found.id } : { ok: false, gap: "none", authorisationId: null };
}
