// Addresses inside the app.
export function notebookHref(path: string): string {
  return `/?notebook=${encodeURIComponent(path)}`;
}
