"use client";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { useMember } from "@/components/member/MemberProvider";
import { listenAs, useLiveConnectionState, useLiveEvents } from "@/lib/browser/live-events";
import { describeEvent, type Notice } from "@/lib/realtime/describe";

type Toast = Notice & { id: string };

const MAX_TOASTS = 4;
const DISMISS_AFTER_MS = 8_000;

// Toasts for live events. Mounted once, in the root layout, so it survives navigation.
// While the stream reconnects nothing is shown: `data-connection` says where it stands.
export function LiveNotifications() {
  const member = useMember();
  const userId = member.status === "member" ? member.user.id : null;
  const [toasts, setToasts] = useState<Toast[]>([]);
  const connection = useLiveConnectionState();
  useEffect(() => listenAs(userId), [userId]);
  useLiveEvents((event) => {
    const notice = describeEvent(event);
    if (notice)
      setToasts((shown) =>
        [...shown.filter((t) => t.id !== event.id), { ...notice, id: event.id }].slice(-MAX_TOASTS),
      );
  });
  const dismiss = useCallback(
    (id: string) => setToasts((shown) => shown.filter((t) => t.id !== id)),
    [],
  );
  return (
    <div className="toasts" data-connection={connection} data-testid="live-notifications">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
      ))}
    </div>
  );
}

// Waits while pointed at or focused, so there is time to read it and reach its link.
function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: string) => void }) {
  const [held, setHeld] = useState(false);
  const { id } = toast;
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => onDismiss(id), DISMISS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [held, id, onDismiss]);
  return (
    <div
      className="toast"
      role="status"
      aria-atomic="true"
      data-testid="toast"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <div className="toast-body">
        <strong className="toast-label">{toast.label}</strong>
        <Link href={toast.href} onClick={() => onDismiss(id)}>
          {toast.text}
        </Link>
        {toast.detail && <span className="toast-detail">{toast.detail}</span>}
      </div>
      <button
        type="button"
        className="toast-close"
        aria-label="Dismiss notification"
        onClick={() => onDismiss(id)}
      >
        ×
      </button>
    </div>
  );
}
