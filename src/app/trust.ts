// Which notebook files run without asking. A notebook is code, so a file opens showing its code
// and runs nothing until the person trusts it. The server keeps the record (src/server/
// trust-record.ts), by the SHA-256 of the file's bytes (the file API's version), so a file changed
// on disk asks again, and what the server runs for a notebook (SQL, data loaders) follows the same
// decision. Trusted as they are: the notebooks this repository ships (a generated list of hashes),
// and the files a person trusted, created here, or saved from a page that was running.

/** Whether the file with this version may run at once; false when the server cannot say. */
export async function isTrusted(version: string, fetcher: typeof fetch = fetch): Promise<boolean> {
  if (!version) return false;
  try {
    const response = await fetcher(`/api/trust?version=${encodeURIComponent(version)}`);
    if (!response.ok) return false;
    const { trusted } = (await response.json()) as { trusted?: unknown };
    return trusted === "shipped" || trusted === "recorded";
  } catch {
    return false; // asking again is the safe side
  }
}

/** Records that the file at `path` with this version may run; rejects when the server refused. */
export async function trust(path: string, version: string, fetcher: typeof fetch = fetch): Promise<void> {
  if (!version) return;
  const response = await fetcher("/api/trust", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ path, version }) });
  if (!response.ok) {
    const reason = await response.json().then((body: { error?: string }) => body.error, () => undefined);
    throw new Error(`the server did not record the trust: ${reason ?? `HTTP ${response.status}`}`);
  }
}
