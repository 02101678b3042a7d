import { redirect } from "next/navigation";

/** The counselor's client list is the caseload; this address is kept so old links and bookmarks still work. */
export default function CounselorHome() {
  redirect("/caseload");
}
