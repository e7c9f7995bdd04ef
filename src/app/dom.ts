// The app's DOM helpers: the element builder it shares with the widgets, and how it writes times.
export { h } from "../widgets/dom.ts";
export { formatDuration } from "../widgets/format.ts";

/** "3 minutes ago", "yesterday", or the date, for file times. */
export function relativeTime(time: Date, now = new Date()): string {
  const seconds = Math.round((now.getTime() - time.getTime()) / 1000);
  if (seconds < 45) return "just now";
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  if (seconds < 3600) return format.format(-Math.round(seconds / 60), "minute");
  if (seconds < 86400) return format.format(-Math.round(seconds / 3600), "hour");
  if (seconds < 7 * 86400) return format.format(-Math.round(seconds / 86400), "day");
  return time.toLocaleDateString();
}
