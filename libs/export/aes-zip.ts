// A ZIP archive with one file, encrypted with WinZip AES-256 (AE-2), written with Node's crypto only.
// 7-Zip, WinZip and the Windows/macOS archive tools open it with the password.
import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const PBKDF2_ITERATIONS = 1000;
const AES_METHOD = 99;
const DEFLATE = 8;

/** AES-CTR as WinZip does it: the counter is a little-endian integer starting at 1. */
function aesCtrLittleEndian(key: Buffer, data: Buffer): Buffer {
  const output = Buffer.alloc(data.length);
  const counter = Buffer.alloc(16);
  for (let offset = 0, block = 1; offset < data.length; offset += 16, block++) {
    counter.fill(0);
    counter.writeUInt32LE(block >>> 0, 0);
    counter.writeUInt32LE(Math.floor(block / 2 ** 32), 4);
    const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
    const keystream = Buffer.concat([cipher.update(counter), cipher.final()]);
    for (let i = 0; i < 16 && offset + i < data.length; i++)
      output[offset + i] = data[offset + i] ^ keystream[i];
  }
  return output;
}

function dosDateTime(date: Date): { time: number; day: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    day: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export function aesZip(fileName: string, content: Buffer, password: string, now: Date): Buffer {
  const salt = randomBytes(SALT_LENGTH);
  const derived = pbkdf2Sync(
    Buffer.from(password, 'utf8'),
    salt,
    PBKDF2_ITERATIONS,
    2 * KEY_LENGTH + 2,
    'sha1',
  );
  const encryptionKey = derived.subarray(0, KEY_LENGTH);
  const authenticationKey = derived.subarray(KEY_LENGTH, 2 * KEY_LENGTH);
  const verifier = derived.subarray(2 * KEY_LENGTH);
  const encrypted = aesCtrLittleEndian(encryptionKey, deflateRawSync(content));
  const mac = createHmac('sha1', authenticationKey).update(encrypted).digest().subarray(0, 10);
  const payload = Buffer.concat([salt, verifier, encrypted, mac]);

  const name = Buffer.from(fileName, 'utf8');
  // AE-2 extra field: vendor version 2, vendor id "AE", strength 3 (AES-256), real method deflate.
  const extra = Buffer.alloc(11);
  extra.writeUInt16LE(0x9901, 0);
  extra.writeUInt16LE(7, 2);
  extra.writeUInt16LE(2, 4);
  extra.write('AE', 6, 'ascii');
  extra.writeUInt8(3, 8);
  extra.writeUInt16LE(DEFLATE, 9);
  const { time, day } = dosDateTime(now);
  const flags = 0x0001 | 0x0800; // encrypted, UTF-8 name

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(51, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(AES_METHOD, 8);
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(day, 12);
  local.writeUInt32LE(0, 14); // AE-2 stores no CRC: the MAC authenticates the content
  local.writeUInt32LE(payload.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(extra.length, 28);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(51, 4);
  central.writeUInt16LE(51, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(AES_METHOD, 10);
  central.writeUInt16LE(time, 12);
  central.writeUInt16LE(day, 14);
  central.writeUInt32LE(0, 16);
  central.writeUInt32LE(payload.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt16LE(extra.length, 30);
  central.writeUInt32LE(0, 42); // local header at offset 0

  const localPart = Buffer.concat([local, name, extra, payload]);
  const centralPart = Buffer.concat([central, name, extra]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}
