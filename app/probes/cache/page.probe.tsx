import { expireProbeTag, revalidateProbePage } from "../actions.probe";
import { type Life, Outer, Stamp } from "../stamps.probe";

// The end-to-end suite's page of Next's own cache calls (tests/e2e/next-cache-calls.spec.ts):
// ?id= names the entries' tags, ?life= the Stamp's cacheLife profile.
export default async function ProbePage({
  searchParams,
}: {
  searchParams: Promise<{ id?: string; life?: string }>;
}) {
  const { id = "none", life = "hours" } = await searchParams;
  return (
    <div className="container">
      <Stamp id={id} life={life as Life} />
      <Outer id={id} />
      <form action={expireProbeTag}>
        <input type="hidden" name="tag" value={`probe-${id}`} />
        <button type="submit">updateTag</button>
      </form>
      <form action={revalidateProbePage}>
        <button type="submit">revalidatePath</button>
      </form>
    </div>
  );
}
