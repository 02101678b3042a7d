import { readiness } from "@/server/http/ready";

export const GET = readiness;
