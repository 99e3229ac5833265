// The app's two icons, drawn here so the package needs no image files or image library: a ticked
// checklist (two done, one still open) in white, on police blue for the 192x192 colour icon and on
// transparent for the 32x32 outline icon Teams shows in its app bar.
// Shapes are signed-distance functions in a 24-unit design grid, sampled 4x4 per pixel for
// anti-aliased edges.
import { encodePng } from './png.ts';

/** The police blue of the colour icon; also the manifest's accentColor. */
export const ACCENT_COLOR = '#123C7C';

type Shape = (x: number, y: number) => number;

/** A stroke from a to b of the given width, with round ends. */
function stroke(ax: number, ay: number, bx: number, by: number, width: number): Shape {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length2));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - width / 2;
  };
}

/** The outline of a rounded square box (centre, half size, corner radius), stroked. */
function box(cx: number, cy: number, half: number, radius: number, width: number): Shape {
  return (x, y) => {
    const qx = Math.abs(x - cx) - (half - radius);
    const qy = Math.abs(y - cy) - (half - radius);
    const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
    const inside = Math.min(Math.max(qx, qy), 0);
    return Math.abs(outside + inside - radius) - width / 2;
  };
}

/** The checklist, in the 24-unit grid: three rows of a mark and a line of text. */
function checklist(width: number): Shape[] {
  const shapes: Shape[] = [];
  const tick = (y: number): void => {
    shapes.push(stroke(3.5, y, 5.5, y + 2, width), stroke(5.5, y + 2, 9, y - 2, width));
  };
  const line = (y: number, end: number): void => {
    shapes.push(stroke(12.5, y, end, y, width));
  };
  tick(4.5);
  line(4.5, 20.5);
  tick(12);
  line(12, 18.5);
  shapes.push(box(6.25, 19.5, 2.4, 0.8, width));
  line(19.5, 20.5);
  return shapes;
}

/** How much of each pixel the shapes cover (0..1), with the grid scaled and moved onto the image. */
function coverage(size: number, shapes: Shape[], scale: number, offset: number): Float64Array {
  const SS = 4;
  const cover = new Float64Array(size * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let j = 0; j < SS; j++) {
        for (let i = 0; i < SS; i++) {
          const x = (px + (i + 0.5) / SS - offset) / scale;
          const y = (py + (j + 0.5) / SS - offset) / scale;
          if (shapes.some((s) => s(x, y) <= 0)) hits++;
        }
      }
      cover[py * size + px] = hits / (SS * SS);
    }
  }
  return cover;
}

function hexRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** 192x192: white checklist on police blue, full bleed (Teams rounds the corners itself). */
export function colorIcon(): Buffer {
  const size = 192;
  // The symbol sits inside the central ~120 px that Teams' guidelines keep clear of the edges.
  const scale = 5.25;
  const cover = coverage(size, checklist(2), scale, size / 2 - 12 * scale);
  const [r, g, b] = hexRgb(ACCENT_COLOR);
  const rgba = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    rgba[i * 4] = Math.round(r + (255 - r) * c);
    rgba[i * 4 + 1] = Math.round(g + (255 - g) * c);
    rgba[i * 4 + 2] = Math.round(b + (255 - b) * c);
    rgba[i * 4 + 3] = 255;
  });
  return encodePng(size, size, rgba);
}

/** 32x32: the same checklist in white on transparent, as Teams requires of the outline icon. */
export function outlineIcon(): Buffer {
  const size = 32;
  const scale = size / 24;
  const cover = coverage(size, checklist(2), scale, 0);
  const rgba = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    rgba.fill(255, i * 4, i * 4 + 3);
    rgba[i * 4 + 3] = Math.round(255 * c);
  });
  return encodePng(size, size, rgba);
}
