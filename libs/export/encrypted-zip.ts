// One file in a ZIP encrypted with AES-256 (WinZip AE-2), written by @zip.js/zip.js: what 7-Zip and the
// usual archive tools open with the password.
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';

// In Node the library compresses inline: no web workers to start or leave behind.
configure({ useWebWorkers: false });

export async function encryptedZip(
  fileName: string,
  content: Uint8Array,
  password: string,
  modifiedAt: Date,
): Promise<Buffer> {
  const zip = new ZipWriter(new Uint8ArrayWriter(), { password, encryptionStrength: 3, zipCrypto: false });
  await zip.add(fileName, new Uint8ArrayReader(content), { lastModDate: modifiedAt });
  return Buffer.from(await zip.close());
}
