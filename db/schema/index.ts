export * from "./tenancy";
export * from "./clients";
export * from "./assessment";
export * from "./cases";
export * from "./notifications";
export * from "./holidays";
export * from "./requests";
export * from "./balances";
