// Draws the OKR Studio icon (a bullseye: the "objective" ring around a hit centre) as RGBA PNGs
// in assets/. Pure node (zlib for deflate) so nobody needs an image tool; the PNGs are committed
// and the build only copies them. Run: node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const SIZES = [16, 32, 64, 80, 128];
const RING = [0x10, 0x7c, 0x41]; // Excel green: reads as "belongs to Excel" on the ribbon
const CENTRE = [0xe8, 0x59, 0x0c]; // warm accent so the centre (the key result hit) stands out
const SAMPLES = 8; // 8x8 supersampling per pixel gives smooth edges without a rasteriser

// Radii as fractions of the icon radius. At 16 px two rings would blur into grey, so the
// smallest size keeps one thick ring and a larger centre dot.
function shapesFor(size) {
  if (size <= 16) {
    return [
      { inner: 0.72, outer: 1.0, colour: RING },
      { inner: 0, outer: 0.4, colour: CENTRE },
    ];
  }
  return [
    { inner: 0.8, outer: 1.0, colour: RING },
    { inner: 0.46, outer: 0.64, colour: RING },
    { inner: 0, outer: 0.28, colour: CENTRE },
  ];
}

function drawIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const centre = size / 2;
  const radius = size / 2 - Math.max(0.5, size / 64);
  const shapes = shapesFor(size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const coverage = shapes.map(() => 0);
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const dx = x + (sx + 0.5) / SAMPLES - centre;
          const dy = y + (sy + 0.5) / SAMPLES - centre;
          const r = Math.hypot(dx, dy) / radius;
          const hit = shapes.findIndex((shape) => r >= shape.inner && r <= shape.outer);
          if (hit >= 0) coverage[hit] += 1;
        }
      }
      const total = coverage.reduce((sum, c) => sum + c, 0);
      if (total === 0) continue;
      // Shapes never overlap, so the pixel colour is the coverage-weighted mix and alpha the sum.
      const offset = (y * size + x) * 4;
      for (let channel = 0; channel < 3; channel++) {
        const mixed = shapes.reduce(
          (sum, shape, i) => sum + shape.colour[channel] * coverage[i],
          0
        );
        pixels[offset + channel] = Math.round(mixed / total);
      }
      pixels[offset + 3] = Math.round((255 * total) / (SAMPLES * SAMPLES));
    }
  }
  return encodePng(size, size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type RGBA
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const assetsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "assets");
mkdirSync(assetsDir, { recursive: true });
for (const size of SIZES) {
  const file = path.join(assetsDir, `icon-${size}.png`);
  writeFileSync(file, drawIcon(size));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
