import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/domains/auth/session";
import { SignUpForm } from "./SignUpForm";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await currentUser()) redirect("/");
  return (
    <div className="container auth-card">
      <h1 className="page-title">Create an account</h1>
      <p className="lede">Write articles, comment, and watch the cache at work.</p>
      <SignUpForm />
    </div>
  );
}
