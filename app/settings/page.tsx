import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { countActiveApiKeys } from "@/lib/domains/api-keys";
import { currentUser } from "@/lib/domains/auth/session";
import { ApiKeys } from "./ApiKeys";
import { signOutEverywhereAction } from "./actions";
import { PasswordForm } from "./PasswordForm";
import { ProfileForm } from "./ProfileForm";
import { RevokeKeysChoice } from "./RevokeKeysChoice";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await currentUser();
  if (!user) redirect("/signin?next=/settings");
  const activeKeys = await countActiveApiKeys(user.id);
  return (
    <div className="container stack">
      <div>
        <h1 className="page-title">Settings</h1>
        <p className="lede">Signed in as {user.email}.</p>
      </div>
      <section className="card stack">
        <h2>Profile</h2>
        <ProfileForm name={user.name} bio={user.bio} />
      </section>
      <section className="card stack">
        <h2>Password</h2>
        <PasswordForm activeKeys={activeKeys} />
      </section>
      <section className="card stack">
        <h2>API keys</h2>
        <ApiKeys userId={user.id} />
      </section>
      <section className="card stack">
        <h2>Sessions</h2>
        <p>
          Signed in on another computer or phone you no longer use? This ends every session,
          including this one, and closes their live notifications.
        </p>
        <form action={signOutEverywhereAction} className="stack">
          <RevokeKeysChoice activeKeys={activeKeys} />
          <button type="submit" className="btn danger" data-testid="sign-out-everywhere">
            Sign out everywhere
          </button>
        </form>
      </section>
    </div>
  );
}
