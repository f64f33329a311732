// Numbers as an operator reads them on the admin page.
import { formatNumber } from "@/lib/platform/format";

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "—";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatPercent(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(1)}%`;
}

export function formatCount(value: number | null): string {
  return value === null ? "—" : formatNumber(value);
}

/** 93784 → "1 d 2 h 3 min"; under an hour with seconds: 90 → "1 min 30 s". */
export function formatDuration(seconds: number): string {
  const whole = Math.floor(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3_600)
    return whole % 60 ? `${Math.floor(whole / 60)} min ${whole % 60} s` : `${whole / 60} min`;
  const parts = [
    [Math.floor(whole / 86_400), "d"],
    [Math.floor((whole % 86_400) / 3_600), "h"],
    [Math.floor((whole % 3_600) / 60), "min"],
  ] as const;
  return parts
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value} ${unit}`)
    .join(" ");
}

/** PTTL's answer: -1 for no expiry, otherwise the time left. */
export function formatTtl(ms: number): string {
  if (ms === -1) return "no expiry";
  if (ms < 0) return "gone";
  if (ms < 1_000) return `${ms} ms`;
  return formatDuration(Math.ceil(ms / 1_000));
}

/** 14:05 UTC, for chart axes and logs. */
export function formatClock(at: number | Date): string {
  return new Date(at).toISOString().slice(11, 16);
}
