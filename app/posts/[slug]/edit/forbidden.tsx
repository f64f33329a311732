import { StatusPage } from "@/components/StatusPage";

// Someone else's article, with status 403.
export default function EditForbidden() {
  return <StatusPage kind="refused" message="Only the author can edit this article." />;
}
