import { StatusPage } from "@/components/StatusPage";

// What forbidden() shows, with status 403, where a segment has no forbidden.tsx of its own.
export default function Forbidden() {
  return (
    <StatusPage
      kind="refused"
      message="You are signed in, but this page is not for your account."
    />
  );
}
