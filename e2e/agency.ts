import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/**
 * A new agency for a cross-role journey (never the demo organization): the admin signs up, invites a
 * counselor, who opens a client file with debts and a budget; the client gets a portal login bound to that
 * file and is signed in on a 375 px phone. Setup goes through the same tRPC procedures the pages call
 * (so it is quick and cannot drift from the API); the journeys then use the pages.
 */

export const PHONE = { width: 375, height: 740 } as const;

export type Role = "admin" | "counselor" | "client";

export type Agency = {
  stamp: string;
  orgName: string;
  admin: Person;
  counselor: Person;
  client: Person & { clientId: string; fullName: string };
  /** Ids of the client's debts, in the order they were created (see `debts` below). */
  debtIds: string[];
  lenders: Array<{ id: string; name: string }>;
  /** Browser contexts opened for this agency after it was built (more staff), closed with it. */
  others: BrowserContext[];
};

export type Person = { email: string; password: string; name: string; context: BrowserContext; page: Page };

/** A tRPC query through the page's session (cookies and active organization). */
export async function query<T>(page: Page, path: string, input?: unknown): Promise<T> {
  const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await page.request.get(`/api/trpc/${path}${qs}`);
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()).result.data.json as T;
}

/** A tRPC mutation through the page's session. */
export async function mutate<T>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()).result.data.json as T;
}

/** Signs in on the login page (e-mail and password) and waits for the role's home. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/(admin|caseload|portal)/);
}

export const shanghaiToday = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());
export const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The debts every new agency's client starts with (amounts in fen), by built-in lender name. */
export const DEBTS = [
  {
    lender: "京东金条",
    principal: 1_800_000,
    interest: 120_000,
    penalty: 45_000,
    fees: 15_000,
    rate: "0.05",
    unit: "daily" as const,
    overdueDays: 62,
  },
  {
    lender: "招商银行",
    principal: 3_200_000,
    interest: 210_000,
    penalty: 80_000,
    fees: 30_000,
    rate: "18",
    unit: "annual" as const,
    overdueDays: 95,
  },
  {
    lender: "蚂蚁花呗/借呗",
    principal: 900_000,
    interest: 40_000,
    penalty: 0,
    fees: 0,
    rate: "0.04",
    unit: "daily" as const,
    overdueDays: 20,
  },
];

async function acceptInvitation(
  browser: Browser,
  link: string,
  name: string,
  password: string,
  viewport?: { width: number; height: number },
) {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  await page.goto(new URL(link).pathname);
  await page.getByLabel("您的姓名").fill(name);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "接受邀请" }).click();
  await expect(page).toHaveURL(/\/(caseload|portal)/);
  return { context, page };
}

/**
 * Builds the agency. `withClientLogin: false` stops before the client is invited (a journey that tests the
 * invitation itself).
 */
export type AgencyOptions = { withClientLogin?: boolean; debts?: typeof DEBTS; authorisationGate?: boolean };

export async function newAgency(browser: Browser, options: AgencyOptions = {}): Promise<Agency> {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const orgName = `晨光债务咨询 ${stamp.slice(-5)}`;
  const password = "one step at a time";

  const adminEmail = `admin-${stamp}@e2e.example`;
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await adminPage.goto("/login");
  await mutate(adminPage, "auth.signUp", { organizationName: orgName, name: "孙悦", email: adminEmail, password });
  await signIn(adminPage, adminEmail, password);
  // A new agency requires the client's signed authorisation before anything is sent in her name (decision
  // 014); journeys about other things relax it, the authorisation journey keeps it.
  if (!options.authorisationGate) {
    await mutate(adminPage, "consent.updateSettings", { authorisationRequired: false, signOffRequired: false });
  }

  const counselorEmail = `counselor-${stamp}@e2e.example`;
  const counselorInvite = await mutate<{ link: string }>(adminPage, "org.invite", { email: counselorEmail, role: "counselor" });
  const counselor = await acceptInvitation(browser, counselorInvite.link, "周咨询", password);
  const me = await query<{ user: { id: string } }>(counselor.page, "auth.me");

  const lenders = await query<Array<{ id: string; name: string }>>(counselor.page, "lender.list", {});
  const fullName = "吴晓梅";
  const client = await mutate<{ id: string }>(counselor.page, "client.create", {
    fullName,
    phone: `139${stamp.slice(-8)}`,
    city: "杭州",
    householdSize: 3,
    dependents: 1,
    employment: "employed",
    hardshipReason: "unemployment",
    assignedCounselorId: me.user.id,
    consent: true,
  });
  const today = shanghaiToday();
  const debtIds: string[] = [];
  for (const d of options.debts ?? DEBTS) {
    const lender = lenders.find((l) => l.name === d.lender);
    expect(lender, `built-in lender ${d.lender}`).toBeTruthy();
    const debt = await mutate<{ id: string }>(counselor.page, "debt.create", {
      clientId: client.id,
      lenderId: lender!.id,
      originalPrincipalFen: d.principal,
      outstandingPrincipalFen: d.principal,
      interestFen: d.interest,
      penaltyFen: d.penalty,
      feesFen: d.fees,
      rateValue: d.rate,
      rateUnit: d.unit,
      termMonths: 12,
      overdueSince: plusDays(today, -d.overdueDays),
      creditReported: "yes",
      collectionStatus: "in-house",
    });
    debtIds.push(debt.id);
  }
  await mutate(counselor.page, "budget.save", {
    clientId: client.id,
    effectiveDate: today,
    incomes: [{ kind: "salary", monthlyFen: 800_000 }],
    expenses: [
      { category: "housing", monthlyFen: 250_000 },
      { category: "food", monthlyFen: 120_000 },
      { category: "transport", monthlyFen: 30_000 },
    ],
    dependents: 1,
  });

  const clientEmail = `client-${stamp}@e2e.example`;
  let clientPerson: Agency["client"] = {
    email: clientEmail,
    password,
    name: fullName,
    clientId: client.id,
    fullName,
    context: undefined as unknown as BrowserContext,
    page: undefined as unknown as Page,
  };
  if (options.withClientLogin !== false) {
    // Bound to the client file, so acceptance links the login to it (no second file).
    const invite = await mutate<{ link: string }>(adminPage, "org.invite", { email: clientEmail, role: "client", clientId: client.id });
    const c = await acceptInvitation(browser, invite.link, fullName, password, PHONE);
    clientPerson = { ...clientPerson, ...c };
  }

  return {
    stamp,
    orgName,
    admin: { email: adminEmail, password, name: "孙悦", context: adminContext, page: adminPage },
    counselor: { email: counselorEmail, password, name: "周咨询", ...counselor },
    client: clientPerson,
    debtIds,
    lenders,
    others: [],
  };
}

/**
 * One more counselor of the agency, invited by its admin and signed in in her own context, with no client
 * assigned (a colleague who must not see the first counselor's clients).
 */
export async function addCounselor(browser: Browser, agency: Agency, name = "钱咨询"): Promise<Person> {
  const email = `counselor${agency.others.length + 2}-${agency.stamp}@e2e.example`;
  const invite = await mutate<{ link: string }>(agency.admin.page, "org.invite", { email, role: "counselor" });
  const person = await acceptInvitation(browser, invite.link, name, agency.admin.password);
  agency.others.push(person.context);
  return { email, password: agency.admin.password, name, ...person };
}

/** The page's width fits the viewport: nothing scrolls sideways on a phone. */
export async function expectNoSideScroll(page: Page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(inner);
}

/**
 * The counselor opens a case on one of the client's debts, sends a proposal of 12 interest-free instalments
 * and records the lender's acceptance (through the API): an agreement with its schedule. Returns the case id.
 */
export async function agreePlan(agency: Agency, { debt = 0, amountFen = 1_200_000, firstDueInDays = 3 } = {}): Promise<string> {
  const page = agency.counselor.page;
  const today = shanghaiToday();
  const kase = await mutate<{ id: string }>(page, "case.open", { debtId: agency.debtIds[debt] });
  const proposal = await mutate<{ id: string }>(page, "case.createProposal", {
    caseId: kase.id,
    channel: "app",
    validUntil: plusDays(today, 14),
    terms: {
      instalments: { amountFen, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: plusDays(today, firstDueInDays) },
    },
  });
  await mutate(page, "case.sendProposal", { caseId: kase.id, proposalId: proposal.id });
  await mutate(page, "case.recordResponse", { caseId: kase.id, proposalId: proposal.id, kind: "accepted", receivedOn: today });
  return kase.id;
}
