import { crc32, deflateSync } from 'node:zlib';

/**
 * A real greyscale PNG of `width` × `height` (with correct CRCs, so browsers draw it): a light
 * field with a dark band across its middle third.
 */
export function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8 bits, greyscale, no interlace
  // Each row is its filter byte (0: none), then its pixels.
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    const shade = y > height / 3 && y < (2 * height) / 3 ? 0x40 : 0xc8;
    rows.fill(shade, y * (width + 1) + 1, (y + 1) * (width + 1));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
