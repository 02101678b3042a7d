/**
 * Who may do what: one pure table. A procedure names a permission; `can(role, permission)` answers.
 * Row-level rules (a counselor sees only assigned clients, a client only themself) are applied by the
 * services on top of this table.
 */
/** The roles of a membership (stored as text in memberships.role; db/schema re-exports these). */
export const ROLES = ["admin", "counselor", "client"] as const;
export type Role = (typeof ROLES)[number];

const TABLE = {
  "org.read": ["admin", "counselor", "client"],
  "org.update": ["admin"],
  "member.list": ["admin"],
  "member.update": ["admin"],
  "invitation.create": ["admin"],
  "invitation.list": ["admin"],
  "invitation.revoke": ["admin"],
  /** "Try with sample data": load and remove sample clients (services/sample-data.ts). */
  "sample.manage": ["admin"],
  /**
   * A client file's portal login: its state, and inviting her (bound to the file). Her counselor for the
   * clients visible to them (services/access.ts), an admin for any.
   */
  "portalAccess.read": ["admin", "counselor"],
  "portalAccess.invite": ["admin", "counselor"],
  "audit.read": ["admin"],
  "client.list": ["admin", "counselor"],
  "client.read": ["admin", "counselor", "client"],
  "client.create": ["admin", "counselor"],
  "client.update": ["admin", "counselor"],
  "client.assign": ["admin"],
  "client.erase": ["admin"],
  "client.export": ["admin", "counselor", "client"],
  "client.readNationalId": ["admin", "counselor"],
  /** A client's file across cases (documents, contact log, payments, timeline): staff only. */
  "client.activity": ["admin", "counselor"],
  "lender.read": ["admin", "counselor"],
  "lender.manage": ["admin"],
  "debt.read": ["admin", "counselor", "client"],
  "debt.manage": ["admin", "counselor"],
  "budget.read": ["admin", "counselor", "client"],
  "budget.manage": ["admin", "counselor"],
  "plan.read": ["admin", "counselor", "client"],
  "plan.manage": ["admin", "counselor"],
  "case.read": ["admin", "counselor", "client"],
  "case.manage": ["admin", "counselor"],
  "case.approveProposal": ["admin"],
  "contact.read": ["admin", "counselor"],
  "contact.record": ["admin", "counselor"],
  "document.read": ["admin", "counselor", "client"],
  "document.upload": ["admin", "counselor", "client"],
  /** Marking a lender's document request answered by a file on record, or not needed. */
  "document.resolveRequest": ["admin", "counselor"],
  "payment.read": ["admin", "counselor", "client"],
  "payment.report": ["admin", "counselor", "client"],
  "payment.confirm": ["admin", "counselor"],
  "note.read": ["admin", "counselor"],
  "outcome.read": ["admin"],
  "agenda.read": ["admin", "counselor"],
  "caseload.read": ["admin", "counselor"],
  "lender.history": ["admin", "counselor"],
  "settings.read": ["admin"],
  "settings.update": ["admin"],
  "portal.read": ["client"],
  /** A case's complaints ladder (issue 14): staff read and file; the client sees her own on the portal. */
  "complaint.read": ["admin", "counselor"],
  "complaint.manage": ["admin", "counselor"],
  "complaint.readOwn": ["client"],
  /** The case's evidence pack (ZIP): contact log with hashes, proposals, agreement, payments, documents. */
  "case.evidencePack": ["admin", "counselor"],
  /** A client's message thread: her own for a client, her file's for its counselor, any for an admin. */
  "message.read": ["admin", "counselor", "client"],
  "message.send": ["admin", "counselor", "client"],
  /** Staff's list of threads with unread messages from clients. */
  "message.listUnread": ["admin", "counselor"],
  /** SMS consent: the client's own on the portal; staff record what she agreed to. */
  "smsConsent.read": ["admin", "counselor", "client"],
  "smsConsent.record": ["admin", "counselor", "client"],
  /** Each member's own notifications (the service never reads anyone else's). */
  "notification.read": ["admin", "counselor", "client"],
  /** A case's lawsuits and mediations (the client sees hers through portal.read). */
  "legal.read": ["admin", "counselor"],
  "legal.manage": ["admin", "counselor"],
  /** The mediation directory: read by staff, kept by the admin (like lenders). */
  "mediationBody.read": ["admin", "counselor"],
  "mediationBody.manage": ["admin"],
  /** The fake-notice check: pure, on text the person typed; anyone signed in to the organization. */
  "notice.check": ["admin", "counselor", "client"],
  /** The client's authorisation (授权委托书): staff prepare it for the clients they see; only she signs or revokes it. */
  "authorisation.read": ["admin", "counselor", "client"],
  "authorisation.manage": ["admin", "counselor"],
  "authorisation.sign": ["client"],
  /** What goes out in her name: staff ask her to confirm it; she confirms or asks for a change. */
  "signOff.read": ["admin", "counselor", "client"],
  "signOff.request": ["admin", "counselor"],
  "signOff.respond": ["client"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof TABLE;

export const PERMISSIONS = Object.keys(TABLE) as Permission[];

export function can(role: Role, permission: Permission): boolean {
  return (TABLE[permission] as readonly Role[]).includes(role);
}
