import { StatusPage } from "@/components/StatusPage";

// A signed-in reader who is not an administrator (lib/admin/guard.ts), with status 403.
export default function AdminForbidden() {
  return <StatusPage kind="refused" message="The cache admin pages are for administrators." />;
}
