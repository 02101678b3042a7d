import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { clients, memberships, organizations, users } from "./schema";
import { blindIndex, encrypt } from "@/server/crypto";
import { hashPassword } from "@/server/services/passwords";
import { seedDemoAssessment } from "./seed-assessment";
import { realNow, setDemoClock, withDemoClock } from "./demo/clock";
import { instantOf, writeHistory } from "./demo/history";
import { demoStory } from "./demo/story";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { syncNotifications } from "@/server/services/notifications";

export const DEMO_PASSWORD = "xieshang-demo-2026";

type DemoPerson = {
  name: string;
  email: string;
  role: "admin" | "counselor" | "client";
};

const STAFF: DemoPerson[] = [
  { name: "王秀英", email: "admin@demo.xieshang.local", role: "admin" },
  { name: "李明", email: "liming@demo.xieshang.local", role: "counselor" },
  { name: "张丽", email: "zhangli@demo.xieshang.local", role: "counselor" },
  { name: "王芳", email: "wangfang@demo.xieshang.local", role: "counselor" },
];

/** Fictional clients: names, cities and ID numbers are made up (the ID check digits are not valid). */
const CLIENTS = [
  {
    name: "刘洋",
    email: "liuyang@demo.xieshang.local",
    phone: "13800001234",
    nationalId: "110101199001011234",
    city: "北京",
    reason: "unemployment",
    counselor: 1,
  },
  {
    name: "陈静",
    email: "chenjing@demo.xieshang.local",
    phone: "13900002345",
    nationalId: "310101198805052345",
    city: "上海",
    reason: "illness",
    counselor: 1,
  },
  {
    name: "杨磊",
    email: "yanglei@demo.xieshang.local",
    phone: "13700003456",
    nationalId: "440301199203033456",
    city: "深圳",
    reason: "business-failure",
    counselor: 1,
  },
  {
    name: "赵敏",
    email: "zhaomin@demo.xieshang.local",
    phone: "13600004567",
    nationalId: "510104199107074567",
    city: "成都",
    reason: "income-cut",
    counselor: 2,
  },
  {
    name: "黄伟",
    email: "huangwei@demo.xieshang.local",
    phone: "13500005678",
    nationalId: "420102198912125678",
    city: "武汉",
    reason: "over-borrowing",
    counselor: 2,
  },
  {
    name: "周婷",
    email: "zhouting@demo.xieshang.local",
    phone: "13300006789",
    nationalId: "330106199509096789",
    city: "杭州",
    reason: "income-cut",
    counselor: 2,
  },
] as const;

export function maskNationalId(id: string): string {
  return id.length <= 10 ? "*".repeat(id.length) : `${id.slice(0, 6)}${"*".repeat(id.length - 10)}${id.slice(-4)}`;
}

export async function databaseHasData(db: Db): Promise<boolean> {
  const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from organizations`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: Array<{ n: number }> }).rows) as Array<{ n: number }>;
  return (list[0]?.n ?? 0) > 0;
}

/**
 * The demo organization: one admin, three counselors, six clients with logins and 34 more, and a year of
 * history up to `anchor` (default today in Beijing) written through the services (db/demo/history.ts,
 * docs/decisions/010-demo-history.md). Runs as the database owner (a script, not a request) before the
 * server takes requests. The same anchor gives the same rows (but for random ids and ciphertexts).
 */
export async function seedDemo(db: Db, opts: { anchor?: string } = {}): Promise<Array<DemoPerson & { password: string }>> {
  const anchor = opts.anchor ?? todayInShanghai();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const orgId = await withDemoClock(async () => {
    // The agency and its people exist from a year ago; the demo clients' figures are from before their cases.
    setDemoClock(instantOf(addDays(anchor, -372), 540));
    const orgId = randomUUID();
    const people = [
      ...STAFF,
      ...CLIENTS.map((c) => ({
        name: c.name,
        email: c.email,
        role: "client" as const,
      })),
    ];
    const ids = new Map(people.map((p) => [p.email, randomUUID()]));
    const counselors = STAFF.filter((s) => s.role === "counselor").map((s) => ids.get(s.email)!);
    const demoClients = await db.transaction(async (tx) => {
      await tx.insert(organizations).values({
        id: orgId,
        name: "安心债务咨询服务中心（演示）",
        isDemo: true,
      });
      // Demo clients sign in with their e-mail or with the mobile number on their file.
      const phoneOf = new Map<string, string>(CLIENTS.map((c) => [c.email, c.phone]));
      await tx.insert(users).values(
        people.map((p) => {
          const phone = phoneOf.get(p.email);
          return {
            id: ids.get(p.email)!,
            email: p.email,
            ...(phone
              ? {
                  phoneHash: blindIndex(phone),
                  phoneEnc: encrypt(phone),
                  phoneLast4: phone.slice(-4),
                }
              : {}),
            name: p.name,
            passwordHash,
          };
        }),
      );
      await tx.insert(memberships).values(
        people.map((p) => ({
          orgId,
          userId: ids.get(p.email)!,
          role: p.role,
        })),
      );
      const clientRows = await tx
        .insert(clients)
        .values(
          CLIENTS.map((c) => ({
            orgId,
            userId: ids.get(c.email)!,
            fullName: c.name,
            phoneEnc: encrypt(c.phone),
            phoneHash: blindIndex(c.phone),
            phoneLast4: c.phone.slice(-4),
            nationalIdEnc: encrypt(c.nationalId),
            nationalIdMasked: maskNationalId(c.nationalId),
            city: c.city,
            householdSize: 3,
            dependents: 1,
            employment: c.reason === "unemployment" ? "unemployed" : "employed",
            hardshipReason: c.reason,
            consentAt: new Date(),
            consentVersion: "2026-01",
            assignedCounselorId: counselors[c.counselor - 1]!,
          })),
        )
        .returning({
          id: clients.id,
          fullName: clients.fullName,
          assignedCounselorId: clients.assignedCounselorId,
          userId: clients.userId,
        });
      const assessed = await seedDemoAssessment(tx, orgId, clientRows, addDays(anchor, -335));
      return clientRows.map((c, i) => ({
        id: c.id,
        counselorId: c.assignedCounselorId!,
        userId: c.userId,
        ...assessed[i]!,
      }));
    });
    await writeHistory({ db, orgId, anchor, counselorIds: counselors, demoClients, story: demoStory(anchor) });
    return orgId;
  });
  // Notifications are made as of now, by the job that makes them.
  await syncNotifications(orgId, { now: new Date(realNow()) });
  const people = [
    ...STAFF,
    ...CLIENTS.map((c) => ({
      name: c.name,
      email: c.email,
      role: "client" as const,
    })),
  ];
  return people.map((p) => ({ ...p, password: DEMO_PASSWORD }));
}

/** `npm run db:seed`: seeds unless the database holds data (then "refused", nothing written) or `force`. */
export async function seedUnlessData(db: Db, opts: { force: boolean }): Promise<"refused" | Array<DemoPerson & { password: string }>> {
  if ((await databaseHasData(db)) && !opts.force) return "refused";
  return seedDemo(db);
}

export function formatLogins(
  logins: Array<DemoPerson & { password: string }>,
  appUrl = process.env.APP_URL ?? "http://localhost:3000",
): string {
  const lines = logins.map((l) => `  ${l.role.padEnd(9)} ${l.name}\t${l.email}`);
  return [
    "",
    `Demo organization seeded. Log in at ${appUrl}/login with any of these (password for all: ` + `${DEMO_PASSWORD}):`,
    ...lines,
    "",
  ].join("\n");
}
