import { mutate, signIn } from "./agency";
import { expect, test } from "./fixtures";

test("a new agency signs up, invites a counselor and a client; each sees only their role's home", async ({ browser }) => {
  const stamp = Date.now();
  const adminEmail = `founder-${stamp}@e2e.example`;
  const admin = await (await browser.newContext()).newPage();

  await admin.goto("/signup");
  // Bad input first: a field error, tied to its field, and no account.
  await admin.getByLabel("机构名称").fill("晨光债务咨询");
  await admin.getByLabel("您的姓名").fill("孙悦");
  await admin.getByLabel("电子邮箱").fill("not-an-email");
  await admin.getByLabel("密码", { exact: true }).fill("short");
  await admin.getByRole("button", { name: "创建机构并登录" }).click();
  await expect(admin.getByText("请输入有效的电子邮箱地址")).toBeVisible();
  await expect(admin.getByText("密码至少需要 8 个字符。")).toBeVisible();
  await expect(admin.getByLabel("电子邮箱")).toHaveAttribute("aria-invalid", "true");

  await admin.getByLabel("电子邮箱").fill(adminEmail);
  await admin.getByLabel("密码", { exact: true }).fill("sunrise over the river");
  await admin.getByRole("button", { name: "创建机构并登录" }).click();
  await expect(admin).toHaveURL(/\/admin$/);
  await expect(admin.getByRole("heading", { name: "机构管理" })).toBeVisible();

  async function invite(email: string, role: "咨询师" | "管理员") {
    await admin.getByLabel("电子邮箱").fill(email);
    await admin.getByLabel("角色").selectOption({ label: role });
    await admin.getByRole("button", { name: "生成邀请" }).click();
    await expect(admin.getByTestId("invitations")).toContainText(email);
    const link = await admin.getByTestId("invite-link").textContent();
    expect(link).toMatch(/\/invite\//);
    return new URL(link!).pathname;
  }
  const counselorEmail = `counselor-${stamp}@e2e.example`;
  const clientEmail = `client-${stamp}@e2e.example`;
  const counselorLink = await invite(counselorEmail, "咨询师");
  await expect(admin.getByTestId("invitations")).toContainText(counselorEmail);
  // A client is not invited from here (that opened a second, empty file): her login is bound to her file.
  await expect(admin.getByLabel("角色").locator("option")).toHaveText(["咨询师", "管理员"]);
  await expect(admin.getByTestId("invite-clients-from-file")).toContainText("请打开这位客户的档案");

  // The admin opens a client file (intake through the API: the intake form is not what this tests) and
  // invites her from it, by e-mail.
  const file = await mutate<{ id: string }>(admin, "client.create", {
    fullName: "吴女士",
    phone: `139${String(stamp).slice(-8)}`,
    consent: true,
  });
  await admin.goto(`/clients/${file.id}`);
  await admin.getByLabel("电子邮箱（选填）").fill(clientEmail);
  await admin.getByRole("button", { name: "生成邀请链接" }).click();
  await expect(admin.getByTestId("portal-access-state")).toHaveAttribute("data-state", "invited");
  const clientLink = new URL((await admin.getByTestId("portal-invite-link").textContent())!).pathname;
  await admin.goto("/admin");
  await expect(admin.getByTestId("invitations")).toContainText(clientEmail);

  const counselor = await (await browser.newContext()).newPage();
  await counselor.goto(counselorLink);
  await counselor.getByLabel("您的姓名").fill("周咨询");
  await counselor.getByLabel("密码", { exact: true }).fill("helping people daily");
  await counselor.getByRole("button", { name: "接受邀请" }).click();
  await expect(counselor).toHaveURL(/\/caseload$/);
  await expect(counselor.getByRole("heading", { name: "我的客户" })).toBeVisible();
  await counselor.goto("/admin");
  await expect(counselor.getByText("页面不存在，或您无权访问。")).toBeVisible();

  // The link works once.
  const reuse = await (await browser.newContext()).newPage();
  await reuse.goto(counselorLink);
  await expect(reuse.getByText("此邀请已被使用过")).toBeVisible();

  const client = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
  await client.goto(clientLink);
  await expect(client.getByLabel("您的姓名")).toHaveValue("吴女士");
  await client.getByLabel("密码", { exact: true }).fill("one step at a time");
  await client.getByRole("button", { name: "接受邀请" }).click();
  await expect(client).toHaveURL(/\/portal$/);
  await expect(client.getByText("您好，吴女士")).toBeVisible();
  // Her login is the file's: the admin's client list still has exactly that one file.
  await admin.goto("/clients");
  await expect(admin.getByTestId("client-index").getByRole("listitem")).toHaveCount(1);
  for (const url of ["/admin", "/counselor"]) {
    await client.goto(url);
    await expect(client.getByText("页面不存在，或您无权访问。")).toBeVisible();
    await expect(client.getByText(counselorEmail)).toHaveCount(0);
  }
  // The API refuses too.
  const res = await client.request.get("/api/trpc/org.members");
  expect(res.status()).toBe(403);

  // Log out ends the session.
  await client.goto("/portal");
  await client.getByRole("button", { name: "退出登录" }).click();
  await expect(client).toHaveURL(/\/login/);
  await client.goto("/portal");
  await expect(client).toHaveURL(/\/login/);
});

test("a counselor's login lands on her caseload, and the language switches", async ({ page, tenant }) => {
  await signIn(page, tenant.counselor.email, tenant.counselor.password);
  await expect(page).toHaveURL(/\/caseload$/);
  // Only her own client.
  await expect(page.getByTestId("client-rows").getByRole("row")).toHaveCount(1);
  await expect(page.getByTestId("client-rows")).toContainText(tenant.client.fullName);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "My clients" })).toBeVisible();
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "我的客户" })).toBeVisible();
});

test("a wrong password gets a plain message and no session", async ({ page, tenant }) => {
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(tenant.counselor.email);
  await page.getByLabel("密码", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByText("邮箱或密码不正确")).toBeVisible();
  await page.goto("/counselor");
  await expect(page).toHaveURL(/\/login/);
});

test("repeated failed logins get 429 with Retry-After and a plain message", async ({ page }) => {
  const email = `nobody-${Date.now()}@e2e.example`;
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill("not the password");
  for (let i = 0; i < 10; i++) {
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page.getByText("邮箱或密码不正确")).toBeVisible();
  }
  const response = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "登录", exact: true }).click();
  const r = await response;
  expect(r.status()).toBe(429);
  expect(Number(r.headers()["retry-after"])).toBeGreaterThan(0);
  await expect(page.getByText(/尝试次数过多，请在 \d+ 秒后再试/)).toBeVisible();
});
