import { smsCallback } from "@/server/http/messages";

export const runtime = "nodejs";

/** The SMS providers' callbacks: /api/sms/aliyun/status, /api/sms/tencent/reply… with ?token= (decision 015). */
export async function POST(req: Request, context: { params: Promise<{ provider: string; kind: string }> }) {
  const { provider, kind } = await context.params;
  return smsCallback(req, provider, kind);
}
