import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { getDb, setDb, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { clients } from "@/db/schema";
import { createClientRecord } from "../support/factories";
import { withDatabase } from "../support/global-setup";
import { ACTORS, BUILDERS, buildWorld, callProcedure, listProcedures, type ActorName, type Outcome, type World } from "../support/matrix";

/**
 * The authorization matrix: every procedure of the router × every kind of caller, one expected outcome
 * each. The input is always about organization A's client A (counselor A is assigned to them; client B,
 * counselor B and organization B's admin are the outsiders). "empty" = success with an empty list.
 * A procedure added to the router without a row here fails the test by name.
 */
const UNAUTH = "UNAUTHORIZED";
const FORBID = "FORBIDDEN";
const NOTFOUND = "NOT_FOUND";
const OK = "ok";
const EMPTY = "empty";
const BAD = "BAD_REQUEST";
const CONFLICT = "CONFLICT";

const EXPECTED: Record<string, Record<ActorName, Outcome>> = {
  "agenda.today": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "audit.list": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "audit.verify": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "auth.acceptInvitation": {
    anonymous: OK,
    clientOwn: OK,
    clientOther: OK,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "auth.beginTwoFactor": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: OK,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "auth.describeInvitation": {
    anonymous: OK,
    clientOwn: OK,
    clientOther: OK,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "auth.disableTwoFactor": {
    anonymous: UNAUTH,
    clientOwn: CONFLICT,
    clientOther: CONFLICT,
    counselorAssigned: CONFLICT,
    counselorOther: CONFLICT,
    admin: CONFLICT,
    otherOrg: CONFLICT,
  },
  "auth.enableTwoFactor": {
    anonymous: UNAUTH,
    clientOwn: BAD,
    clientOther: BAD,
    counselorAssigned: BAD,
    counselorOther: BAD,
    admin: BAD,
    otherOrg: BAD,
  },
  "auth.me": { anonymous: UNAUTH, clientOwn: OK, clientOther: OK, counselorAssigned: OK, counselorOther: OK, admin: OK, otherOrg: OK },
  "auth.signUp": { anonymous: OK, clientOwn: OK, clientOther: OK, counselorAssigned: OK, counselorOther: OK, admin: OK, otherOrg: OK },
  "auth.twoFactorStatus": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: OK,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "budget.current": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "budget.history": {
    anonymous: UNAUTH,
    clientOwn: EMPTY,
    clientOther: NOTFOUND,
    counselorAssigned: EMPTY,
    counselorOther: NOTFOUND,
    admin: EMPTY,
    otherOrg: NOTFOUND,
  },
  "budget.save": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "calendar.followUpDates": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "calendar.status": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "case.acceptCounterOffer": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.approveProposal": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.changeAgreement": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.completeTask": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.createProposal": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.createReferral": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.createTask": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.draftFromPlan": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.get": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.list": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: EMPTY,
    counselorAssigned: OK,
    counselorOther: EMPTY,
    admin: OK,
    otherOrg: EMPTY,
  },
  "case.negotiation": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.nextContactWindow": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.open": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.proposals": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.recordBreach": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.recordResponse": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.referrals": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.sendProposal": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.setContactHours": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.tasks": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: EMPTY,
    admin: OK,
    otherOrg: EMPTY,
  },
  "case.transition": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "case.updateReferral": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "caseload.assign": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "caseload.list": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "client.activity": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "client.close": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "client.create": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "client.erase": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "client.get": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "client.list": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "client.mine": { anonymous: UNAUTH, clientOwn: OK, clientOther: OK, counselorAssigned: OK, counselorOther: OK, admin: OK, otherOrg: OK },
  "client.revealNationalId": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "client.update": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "complaint.answer": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "complaint.extend": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "complaint.file": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "complaint.list": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: EMPTY,
    counselorOther: NOTFOUND,
    admin: EMPTY,
    otherOrg: NOTFOUND,
  },
  // Client A's own complaints: the mutations above (sorted first) filed some on her fresh cases.
  "complaint.mine": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: EMPTY,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: FORBID,
    otherOrg: FORBID,
  },
  "complaint.outcomes": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "consent.authorisations": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "consent.caseStatus": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "consent.createAuthorisation": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "consent.mine": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: OK,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: FORBID,
    otherOrg: FORBID,
  },
  "consent.requestSignOff": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "consent.respondSignOff": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: FORBID,
    otherOrg: FORBID,
  },
  "consent.revokeAuthorisation": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: FORBID,
    otherOrg: FORBID,
  },
  "consent.settings": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "consent.signAuthorisation": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: FORBID,
    otherOrg: FORBID,
  },
  "consent.signOffs": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "consent.updateSettings": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "contact.append": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "contact.list": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "contact.verify": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "debt.archive": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "debt.create": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "debt.import": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "debt.list": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "debt.setTriage": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "debt.update": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "document.checklist": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  // Client A's authorisation PDFs (made by the consent.* rows, which run first) are client-level documents.
  "document.list": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "document.resolveRequest": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "legal.addHearing": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "legal.addSession": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "legal.checkNotice": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: OK,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "legal.createLawsuit": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "legal.endMediation": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "legal.forCase": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "legal.portal": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: OK,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: FORBID,
    otherOrg: FORBID,
  },
  "legal.recordConfirmation": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "legal.recordEnforcement": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "legal.recordJudgment": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "legal.recordMediationAgreement": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "legal.startMediation": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "legal.updateLawsuit": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "lender.create": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "lender.list": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "lender.setArchived": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "lender.update": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "mediationBody.create": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "mediationBody.list": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "mediationBody.setArchived": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "mediationBody.update": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "message.markRead": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "message.send": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "message.thread": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "message.unreadThreads": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: EMPTY,
    admin: OK,
    otherOrg: EMPTY,
  },
  "notification.list": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: OK,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "notification.markAllRead": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: OK,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "notification.markRead": {
    anonymous: UNAUTH,
    clientOwn: NOTFOUND,
    clientOther: NOTFOUND,
    counselorAssigned: NOTFOUND,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "notification.unreadCount": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: OK,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: OK,
  },
  "org.current": { anonymous: UNAUTH, clientOwn: OK, clientOther: OK, counselorAssigned: OK, counselorOther: OK, admin: OK, otherOrg: OK },
  "org.firstWeek": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "org.invitations": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "org.invite": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "org.members": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "org.revokeInvitation": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "org.setMemberActive": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "org.setMemberRole": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "outcomes.lenderHistory": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: OK,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "outcomes.summary": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "payment.confirm": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "payment.record": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "payment.schedule": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "plan.evaluate": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "plan.get": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "plan.save": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "portal.overview": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: OK,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: FORBID,
    otherOrg: FORBID,
  },
  "portalAccess.invite": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "portalAccess.revealLink": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "portalAccess.revoke": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "portalAccess.state": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "sample.load": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "sample.remove": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "sample.status": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "settings.get": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "settings.update": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "sms.consent": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "sms.setConsent": {
    anonymous: UNAUTH,
    clientOwn: OK,
    clientOther: NOTFOUND,
    counselorAssigned: OK,
    counselorOther: NOTFOUND,
    admin: OK,
    otherOrg: NOTFOUND,
  },
  "sms.settings": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
  "sms.updateSettings": {
    anonymous: UNAUTH,
    clientOwn: FORBID,
    clientOther: FORBID,
    counselorAssigned: FORBID,
    counselorOther: FORBID,
    admin: OK,
    otherOrg: OK,
  },
};

let w: World;
beforeAll(async () => {
  w = await buildWorld();
}, 120_000);

type Result = { outcome: string; value?: unknown };
async function run(p: Promise<unknown>): Promise<Result> {
  try {
    const value = await p;
    return { outcome: Array.isArray(value) && value.length === 0 ? "empty" : "ok", value };
  } catch (e) {
    if (e instanceof TRPCError) return { outcome: e.code };
    return { outcome: `threw ${String(e)}` };
  }
}

describe("authorization matrix", () => {
  it("knows every procedure of the router (a new one must get a row)", () => {
    const paths = listProcedures().map((p) => p.path);
    const unknown = paths.filter((p) => !EXPECTED[p]);
    const stale = Object.keys(EXPECTED).filter((p) => !paths.includes(p));
    const noBuilder = paths.filter((p) => !BUILDERS[p]);
    expect([
      ...unknown.map((p) => `${p}: not in the authorization matrix (add a row to EXPECTED in tests/integration/authz-matrix.test.ts)`),
      ...noBuilder.map((p) => `${p}: no input builder (add one to BUILDERS in tests/support/matrix.ts)`),
      ...stale.map((p) => `${p}: in the matrix but no longer in the router`),
    ]).toEqual([]);
  });

  it("every procedure × every actor gets exactly the expected outcome, and outsiders see none of client A's data", async () => {
    const mismatches: string[] = [];
    const procedures = listProcedures().filter((p) => EXPECTED[p.path] && BUILDERS[p.path]);
    let calls = 0;
    for (const { path } of procedures) {
      const row = EXPECTED[path]!;
      for (const actor of ACTORS) {
        const input = await BUILDERS[path]!(w);
        const got = await run(callProcedure(w.callers[actor], path, input));
        calls++;
        if (got.outcome !== row[actor]) mismatches.push(`${path} as ${actor}: expected ${row[actor]}, got ${got.outcome}`);
        // An outsider's successful answer names nothing of client A (nor, across organizations, of A at all).
        if (got.value !== undefined && (actor === "clientOther" || actor === "counselorOther" || actor === "otherOrg")) {
          const text = JSON.stringify(got.value) ?? "";
          const secrets = [w.a.clientA.id, w.ea.caseId, w.ea.debtId, w.ea.paymentId, w.ea.proposalId];
          if (actor === "otherOrg" && !path.startsWith("auth.")) secrets.push(w.a.orgId, w.ea.lenderId);
          for (const s of secrets) if (text.includes(s)) mismatches.push(`${path} as ${actor}: the answer contains ${s}`);
        }
      }
    }
    expect(calls).toBe(procedures.length * ACTORS.length);
    expect(mismatches).toEqual([]);
  }, 300_000);
});

describe("isolation under load", () => {
  /**
   * Interleaved list calls from two organizations; every row must be the caller's organization's.
   * PostgreSQL: 10,000 calls over a pool of 3 connections (so every connection serves both tenants
   * back to back). PGlite (one connection anyway): 2,000 calls, to keep the file's runtime reasonable.
   */
  it("interleaved requests from two organizations over a small pool leak zero rows", async () => {
    const url = process.env.TEST_DATABASE_URL;
    const original = await getDb();
    const total = url ? 10_000 : 2_000;
    let small: postgres.Sql | undefined;
    if (url) {
      const rows = (await original.execute(sql`select current_database() as name`)) as unknown as Array<{ name: string }>;
      small = postgres(withDatabase(url, rows[0]!.name), { max: 3, onnotice: () => {} });
      setDb(drizzle(small, { schema, casing: "snake_case" }) as unknown as Db, async () => {}, "postgres");
    }
    try {
      // A few more clients on each side, so every list has rows to leak.
      for (let i = 0; i < 5; i++) {
        await createClientRecord(w.a.orgId, { counselorId: w.a.counselorA.id });
        await createClientRecord(w.b.orgId, { counselorId: w.b.counselorA.id });
      }
      const db = await getDb();
      const owner = new Map<string, string>();
      for (const r of await db.select({ id: clients.id, orgId: clients.orgId }).from(clients)) owner.set(r.id, r.orgId);

      const sides = [
        { orgId: w.a.orgId, admin: w.a.as.admin, counselor: w.a.as.counselorA },
        { orgId: w.b.orgId, admin: w.b.as.admin, counselor: w.b.as.counselorA },
      ];
      const leaks: string[] = [];
      let rowsSeen = 0;
      const batch = 100;
      for (let start = 0; start < total; start += batch) {
        await Promise.all(
          Array.from({ length: batch }, async (_, k) => {
            const i = start + k;
            const side = sides[i % 2]!;
            const caller = (i >> 1) % 2 === 0 ? side.admin : side.counselor;
            const rows =
              (i >> 2) % 2 === 0
                ? ((await caller.client.list({})) as Array<{ id: string }>).map((r) => r.id)
                : ((await caller.case.list({})) as Array<{ clientId: string }>).map((r) => r.clientId);
            rowsSeen += rows.length;
            for (const id of rows) if (owner.get(id) !== side.orgId) leaks.push(`call ${i}: ${id} is not ${side.orgId}'s`);
          }),
        );
      }
      expect(leaks).toEqual([]);
      expect(rowsSeen).toBeGreaterThan(total);
    } finally {
      if (small) {
        setDb(original, async () => {}, "postgres");
        await small.end();
      }
    }
  }, 300_000);
});
