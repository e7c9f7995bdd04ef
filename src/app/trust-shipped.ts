// The notebooks this repository ships (notebooks/*.html) run without asking, byte for byte as
// shipped: whoever starts the app from this repository has chosen to run its code already. A
// shipped notebook changed outside the app is a different file and asks like any other.
const shipped = import.meta.glob<string>("../../notebooks/**/*.html", { query: "?raw", import: "default" });

export async function isShippedNotebook(text: string): Promise<boolean> {
  const texts = await Promise.all(Object.values(shipped).map((load) => load().catch(() => undefined)));
  return texts.includes(text);
}
