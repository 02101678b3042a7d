import { createCallerFactory, router } from "./init";
import { portalRouter } from "./routers/portal";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { budgetRouter } from "./routers/budget";
import { caseRouter } from "./routers/case";
import { clientRouter } from "./routers/client";
import { contactRouter } from "./routers/contact";
import { debtRouter } from "./routers/debt";
import { documentRouter } from "./routers/document";
import { lenderRouter } from "./routers/lender";
import { orgRouter } from "./routers/org";
import { paymentRouter } from "./routers/payment";
import { planRouter } from "./routers/plan";
import { agendaRouter } from "./routers/agenda";
import { caseloadRouter } from "./routers/caseload";
import { outcomesRouter } from "./routers/outcomes";
import { settingsRouter } from "./routers/settings";
import { notificationRouter } from "./routers/notification";
import { portalAccessRouter } from "./routers/portal-access";
import { calendarRouter } from "./routers/calendar";
import { sampleRouter } from "./routers/sample";
import { legalRouter, mediationBodyRouter } from "./routers/legal";
import { complaintRouter } from "./routers/complaint";
import { consentRouter } from "./routers/consent";
import { messageRouter } from "./routers/message";
import { smsRouter } from "./routers/sms";

/** The API, by area. */
export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  client: clientRouter,
  portal: portalRouter,
  audit: auditRouter,
  lender: lenderRouter,
  debt: debtRouter,
  budget: budgetRouter,
  plan: planRouter,
  case: caseRouter,
  contact: contactRouter,
  payment: paymentRouter,
  document: documentRouter,
  agenda: agendaRouter,
  caseload: caseloadRouter,
  outcomes: outcomesRouter,
  settings: settingsRouter,
  notification: notificationRouter,
  portalAccess: portalAccessRouter,
  calendar: calendarRouter,
  sample: sampleRouter,
  legal: legalRouter,
  mediationBody: mediationBodyRouter,
  complaint: complaintRouter,
  consent: consentRouter,
  message: messageRouter,
  sms: smsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
