// The CSV endpoints need the session's bearer token, which a plain link cannot send: fetch the file and
// hand it to the browser as a download.
import { getToken } from '../api/http';

export async function downloadCsv(path: string, fileName: string): Promise<void> {
  const token = getToken();
  const response = await fetch(`/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`CSV ${fileName}: ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  URL.revokeObjectURL(url);
}
