// Writes the add-in's icons (assets/icon-*.png): a green rounded square with a white rising line.
// Run once by hand (node tools/make-icons.cjs); the PNGs are committed.
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const r = size * 0.18;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const cx = Math.min(Math.max(x + 0.5, r), size - r), cy = Math.min(Math.max(y + 0.5, r), size - r);
      const inside = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r;
      // a rising line from bottom-left to top-right, and an L-shaped axis
      const u = (x + 0.5) / size, v = 1 - (y + 0.5) / size;
      const onLine = Math.abs(v - (0.2 + 0.65 * u)) < 0.07 && u > 0.18 && u < 0.85;
      const onAxis = (u > 0.15 && u < 0.24 && v > 0.12 && v < 0.85) || (v > 0.12 && v < 0.21 && u > 0.15 && u < 0.88);
      const white = onLine || onAxis;
      raw[o] = white ? 255 : 16; raw[o + 1] = white ? 255 : 124; raw[o + 2] = white ? 255 : 16; raw[o + 3] = inside ? 255 : 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
for (const s of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(__dirname, "..", "assets", `icon-${s}.png`), png(s));
