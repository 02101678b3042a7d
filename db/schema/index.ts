export * from "./tenancy";
export * from "./clients";
