// Draws the app icon and the tray icons into resources/ (or --out DIR), with nothing but Node:
// shapes are signed distance functions, anti-aliased by their distance to the pixel's centre,
// and the PNGs are written with zlib. The same script always draws the same pixels, so the
// committed images can be checked against it (tests/unit/packaging/builderConfig.test.ts).
//
// The mark: a clock face with a coloured wedge, the contact's best window, and the hands inside
// it ("now is a good time"). macOS tray icons are templates (black and alpha only; the menu bar
// tints them); Linux and Windows get the coloured mark. "Unread" variants carry a dot, "paused"
// ones two bars in its place.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';

const BLUE_TOP = [0x3b, 0x7c, 0xf0];
const BLUE_BOTTOM = [0x23, 0x56, 0xc5];
const WHITE = [0xff, 0xff, 0xff];
const AMBER = [0xf2, 0xb0, 0x1e];
const NAVY = [0x1b, 0x2a, 0x4a];
const TICK = [0xc4, 0xcf, 0xe0];
const RED = [0xd9, 0x3a, 0x3a];
const BLACK = [0, 0, 0];

// Angles in degrees clockwise from 12 o'clock (screen y points down).
const WINDOW_FROM = 0;
const WINDOW_TO = 75;
const HOUR_HAND = 30;
const MINUTE_HAND = 0;

const direction = (deg) => {
  const rad = ((deg - 90) * Math.PI) / 180;
  return [Math.cos(rad), Math.sin(rad)];
};

// Signed distances in pixels: negative inside.
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;

const roundedRect = (x0, y0, x1, y1, radius) => (x, y) => {
  const qx = Math.abs(x - (x0 + x1) / 2) - (x1 - x0) / 2 + radius;
  const qy = Math.abs(y - (y0 + y1) / 2) - (y1 - y0) / 2 + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
};

const capsule = (ax, ay, bx, by, r) => (x, y) => {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - r;
};

/** A pie slice under 180°: the disc cut by the two half-planes of its edges. */
const sector = (cx, cy, r, fromDeg, toDeg) => {
  const [ax, ay] = direction(fromDeg);
  const [bx, by] = direction(toDeg);
  const disc = circle(cx, cy, r);
  return (x, y) => {
    const [vx, vy] = [x - cx, y - cy];
    return Math.max(disc(x, y), -(ax * vy - ay * vx), -(vx * by - vy * bx));
  };
};

const ring = (cx, cy, r, width) => {
  const disc = circle(cx, cy, r);
  return (x, y) => Math.abs(disc(x, y)) - width / 2;
};

const hand = (cx, cy, deg, length, width) => {
  const [dx, dy] = direction(deg);
  return capsule(cx, cy, cx + dx * length, cy + dy * length, width / 2);
};

/** Layers painted in order: `paint` a colour (or a colour per row), `erase` cuts through. */
function render(size, layers) {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [px, py] = [x + 0.5, y + 0.5];
      let [r, g, b, a] = [0, 0, 0, 0]; // premultiplied
      for (const layer of layers) {
        const cover = Math.min(1, Math.max(0, 0.5 - layer.shape(px, py)));
        if (cover === 0) continue;
        if (layer.erase) {
          [r, g, b, a] = [r, g, b, a].map((v) => v * (1 - cover));
          continue;
        }
        const colour = typeof layer.colour === 'function' ? layer.colour(py / size) : layer.colour;
        [r, g, b, a] = [
          colour[0] * cover + r * (1 - cover),
          colour[1] * cover + g * (1 - cover),
          colour[2] * cover + b * (1 - cover),
          cover + a * (1 - cover),
        ];
      }
      const i = (y * size + x) * 4;
      const alpha = Math.round(a * 255);
      rgba[i + 3] = alpha;
      if (alpha === 0) continue;
      rgba[i] = Math.round(r / a);
      rgba[i + 1] = Math.round(g / a);
      rgba[i + 2] = Math.round(b / a);
    }
  }
  return rgba;
}

const gradient = (top, bottom) => (t) => top.map((v, i) => v + (bottom[i] - v) * t);

/** The coloured clock on the blue tile. `inset` is the tile's margin (macOS wants one). */
function clockTile(size, { inset, detailed }) {
  const s = size;
  const c = s / 2;
  const tile = s - 2 * inset;
  const face = tile * (detailed ? 0.364 : 0.4);
  const layers = [
    {
      shape: roundedRect(inset, inset, s - inset, s - inset, tile * 0.225),
      colour: gradient(BLUE_TOP, BLUE_BOTTOM),
    },
    { shape: circle(c, c, face), colour: WHITE },
    { shape: sector(c, c, face * 0.84, WINDOW_FROM, WINDOW_TO), colour: AMBER },
  ];
  if (detailed) {
    for (const deg of [0, 90, 180, 270]) {
      const [dx, dy] = direction(deg);
      const [r0, r1] = [face * 0.87, face * 0.94];
      layers.push({
        shape: capsule(c + dx * r0, c + dy * r0, c + dx * r1, c + dy * r1, tile * 0.008),
        colour: TICK,
      });
    }
  }
  // At tray sizes hands blur into the wedge: the wedge and a centre dot say it alone.
  if (!detailed) return [...layers, { shape: circle(c, c, s / 16), colour: NAVY }];
  const width = tile * 0.032;
  layers.push(
    { shape: hand(c, c, MINUTE_HAND, face * 0.72, width), colour: NAVY },
    { shape: hand(c, c, HOUR_HAND, face * 0.5, width * 1.25), colour: NAVY },
    { shape: circle(c, c, width * 1.1), colour: NAVY },
  );
  return layers;
}

/** The menu-bar mark: a ring with the window's wedge, black on transparent. */
function clockTemplate(size) {
  const c = size / 2;
  const px = size / 16;
  return [
    { shape: ring(c, c, 6.5 * px, 1.5 * px), colour: BLACK },
    { shape: sector(c, c, 4.9 * px, WINDOW_FROM, WINDOW_TO), colour: BLACK },
    { shape: circle(c, c, 1.1 * px), colour: BLACK },
  ];
}

/** The unread dot, top right, with a transparent gap that keeps it apart from the mark. */
function unreadDot(size, colour) {
  const [cx, cy, r] = [size * 0.8, size * 0.2, size * 0.17];
  return [
    { shape: circle(cx, cy, r + size * 0.07), erase: true },
    { shape: circle(cx, cy, r), colour },
  ];
}

/** The paused badge, top right where the unread dot goes: two bars, kept apart from the mark. */
function pauseBadge(size, colour) {
  const [cx, cy, r] = [size * 0.8, size * 0.2, size * 0.17];
  const [w, h] = [r * 0.55, r * 1.7];
  const bar = (x) => roundedRect(x - w / 2, cy - h / 2, x + w / 2, cy + h / 2, w * 0.3);
  return [
    { shape: circle(cx, cy, r + size * 0.07), erase: true },
    { shape: bar(cx - r * 0.5), colour },
    { shape: bar(cx + r * 0.5), colour },
  ];
}

/** Windows' taskbar overlay: a red badge with a white rim, readable on any taskbar colour. */
function overlayBadge(size) {
  const c = size / 2;
  return [
    { shape: circle(c, c, c - 0.25), colour: WHITE },
    { shape: circle(c, c, c - 0.25 - size * 0.1), colour: RED },
  ];
}

/** Every image: its path under the output folder, its size and what it shows. */
const ICONS = [
  {
    path: 'icon.png',
    size: 1024,
    layers: (s) => clockTile(s, { inset: s * 0.0977, detailed: true }),
  },
  ...[1, 2].flatMap((scale) => {
    const at = scale === 1 ? '' : '@2x';
    const s = 16 * scale;
    return [
      { path: `tray/trayTemplate${at}.png`, size: s, layers: clockTemplate },
      {
        path: `tray/trayUnreadTemplate${at}.png`,
        size: s,
        layers: (n) => [...clockTemplate(n), ...unreadDot(n, BLACK)],
      },
      {
        path: `tray/trayPausedTemplate${at}.png`,
        size: s,
        layers: (n) => [...clockTemplate(n), ...pauseBadge(n, BLACK)],
      },
      {
        path: `tray/tray${at}.png`,
        size: s,
        layers: (n) => clockTile(n, { inset: 0, detailed: false }),
      },
      {
        path: `tray/tray-unread${at}.png`,
        size: s,
        layers: (n) => [...clockTile(n, { inset: 0, detailed: false }), ...unreadDot(n, RED)],
      },
      {
        path: `tray/tray-paused${at}.png`,
        size: s,
        layers: (n) => [...clockTile(n, { inset: 0, detailed: false }), ...pauseBadge(n, NAVY)],
      },
      { path: `tray/overlay-unread${at}.png`, size: s, layers: overlayBadge },
    ];
  }),
];

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG, every row unfiltered (flat shapes deflate well without filters). */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const { values } = parseArgs({ options: { out: { type: 'string', default: 'resources' } } });
for (const icon of ICONS) {
  const file = join(values.out, icon.path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, encodePng(icon.size, render(icon.size, icon.layers(icon.size))));
  console.log(`${file} (${icon.size}×${icon.size})`);
}
