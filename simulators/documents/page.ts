import type { SKRSContext2D } from '@napi-rs/canvas';
import type { MrzFormat } from '../../contracts/identity.ts';
import { checkDigit, composeMrz, type MrzFields } from './mrz-compose.ts';
import { ensureOcrBFont, OCR_B_FAMILY } from './ocr-b-font.ts';
import type { Random } from './random.ts';

/**
 * Draws a document page (ICAO 9303 sizes) or a page that is no document, in millimetres scaled to
 * pixels: security-print background, portrait, visual zone in a sans face and the MRZ in OCR-B at
 * 10 characters per inch.
 */

export type PageSpec =
  | {
      kind: 'document' | 'halfCovered';
      format: MrzFormat;
      fields: MrzFields;
      visual: { placeOfBirth?: string; authority?: string };
    }
  | { kind: 'blank' | 'photo' | 'randomText' };

/** TD3 passport data page, TD1 card, TD2 card (ICAO 9303 parts 4–6). */
export const PAGE_SIZE_MM: Record<MrzFormat, { width: number; height: number }> = {
  TD3: { width: 125, height: 88 },
  TD1: { width: 85.6, height: 54 },
  TD2: { width: 105, height: 74 },
};

/** MRZ geometry: left edge, baseline of the last line, line pitch (mm). */
const MRZ_PLACE: Record<MrzFormat, { left: number; lastBaseline: number; pitch: number }> = {
  TD3: { left: 6, lastBaseline: 83.4, pitch: 4.6 },
  TD1: { left: 4.7, lastBaseline: 50.4, pitch: 4.2 },
  TD2: { left: 6, lastBaseline: 69.7, pitch: 4.4 },
};
/** OCR-B size I: 2.54 mm character pitch, capitals 2.42 mm tall. */
const MRZ_PITCH_MM = 2.54;
const MRZ_CAP_MM = 2.42;

const SANS = "'DejaVu Sans', 'Liberation Sans', sans-serif";
const INK = '#1b1b22';
const LABEL_INK = '#3c4a6b';

const STATE_NAMES: Record<string, string> = {
  ESP: 'REINO DE ESPAÑA',
  CHN: "PEOPLE'S REPUBLIC OF CHINA",
  GBR: 'UNITED KINGDOM',
  BRA: 'REPÚBLICA FEDERATIVA DO BRASIL',
  IND: 'REPUBLIC OF INDIA',
  MEX: 'ESTADOS UNIDOS MEXICANOS',
  USA: 'UNITED STATES OF AMERICA',
  NOR: 'NORGE NOREG NORWAY',
  CAN: 'CANADA',
  PRT: 'REPÚBLICA PORTUGUESA',
  ITA: 'REPUBBLICA ITALIANA',
  TUR: 'TÜRKİYE CUMHURİYETİ',
  VNM: 'VIỆT NAM',
  AUT: 'REPUBLIK ÖSTERREICH',
  FRA: 'RÉPUBLIQUE FRANÇAISE',
  DEU: 'BUNDESREPUBLIK DEUTSCHLAND',
  POL: 'RZECZPOSPOLITA POLSKA',
  MAR: 'ROYAUME DU MAROC',
  COL: 'REPÚBLICA DE COLOMBIA',
  PHL: 'REPUBLIKA NG PILIPINAS',
  ROU: 'ROMÂNIA',
  NGA: 'FEDERAL REPUBLIC OF NIGERIA',
  SWE: 'SVERIGE SWEDEN',
  JPN: 'JAPAN',
  UKR: 'УКРАЇНА UKRAINE',
  ARG: 'REPÚBLICA ARGENTINA',
  PER: 'REPÚBLICA DEL PERÚ',
  ECU: 'REPÚBLICA DEL ECUADOR',
};

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** YYMMDD as printed in a visual zone; two-digit years above `pivot` are of the 1900s. */
function visualDate(yymmdd: string, pivot = 40): string {
  const yy = Number(yymmdd.slice(0, 2));
  const year = yy > pivot ? 1900 + yy : 2000 + yy;
  return `${yymmdd.slice(4, 6)} ${MONTHS[Number(yymmdd.slice(2, 4)) - 1]} ${year}`;
}

type Px = (mm: number) => number;

export function drawPage(ctx: SKRSContext2D, spec: PageSpec, px: Px, random: Random): void {
  ensureOcrBFont();
  const width = ctx.canvas.width;
  const height = ctx.canvas.height;
  switch (spec.kind) {
    case 'document':
    case 'halfCovered':
      drawSecurityBackground(ctx, width, height, px, random);
      drawDocument(ctx, spec, px, random);
      if (spec.kind === 'halfCovered') drawCover(ctx, spec.format, px, random);
      return;
    case 'blank':
      ctx.fillStyle = '#f3f1ea';
      ctx.fillRect(0, 0, width, height);
      return;
    case 'photo':
      drawPhotograph(ctx, width, height, random);
      return;
    case 'randomText':
      drawRandomText(ctx, width, height, px, random);
      return;
  }
}

/** Pale tint and guilloche curves, as on a data page; lighter over the MRZ band. */
function drawSecurityBackground(
  ctx: SKRSContext2D,
  width: number,
  height: number,
  px: Px,
  random: Random,
): void {
  const hue = random.int(360);
  const gradient = ctx.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, `hsl(${hue}, 35%, 93%)`);
  gradient.addColorStop(1, `hsl(${(hue + 40) % 360}, 30%, 90%)`);
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
  ctx.lineWidth = Math.max(1, px(0.12));
  for (let k = 0; k < 20; k++) {
    const amplitude = px(random.between(2, 9));
    const wavelength = px(random.between(12, 40));
    const phase = random.between(0, 2 * Math.PI);
    const y0 = random.between(0, height);
    ctx.strokeStyle = `hsla(${(hue + random.int(80)) % 360}, 45%, 70%, 0.55)`;
    ctx.beginPath();
    for (let x = 0; x <= width; x += 4) {
      const y = y0 + amplitude * Math.sin((2 * Math.PI * x) / wavelength + phase);
      if (x === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
}

function drawDocument(
  ctx: SKRSContext2D,
  spec: Extract<PageSpec, { kind: 'document' | 'halfCovered' }>,
  px: Px,
  random: Random,
): void {
  const { fields, format, visual } = spec;
  const state = STATE_NAMES[fields.issuingState] ?? fields.issuingState;
  const isPassport = fields.documentCode.startsWith('P');
  const title = isPassport ? 'PASSPORT · PASAPORTE · PASSEPORT' : 'IDENTITY CARD · DOCUMENTO DE IDENTIDAD';

  const text = (value: string, x: number, y: number, sizeMm: number, bold = false, color = INK): void => {
    ctx.font = `${bold ? 'bold ' : ''}${px(sizeMm).toFixed(1)}px ${SANS}`;
    ctx.fillStyle = color;
    ctx.fillText(value, px(x), px(y));
  };
  const field = (label: string, value: string, x: number, y: number): void => {
    text(label, x, y, 1.5, false, LABEL_INK);
    text(value, x, y + 3.1, 2.5, true);
  };
  const name = (value: string): string => value.toUpperCase();

  if (format === 'TD1') {
    // The MRZ side of a card: address and place of birth above the MRZ, a ghost portrait.
    text(state, 4, 5, 2.2, true, LABEL_INK);
    field('DOMICILIO / ADDRESS', `C. ${randomStreet(random)} ${1 + random.int(120)}`, 4, 10);
    field('LUGAR DE NACIMIENTO / PLACE OF BIRTH', name(visual.placeOfBirth ?? '—'), 4, 18);
    field('EXPEDICIÓN / ISSUED', visualDate(issueDate(fields.expiryDate)), 4, 26);
    drawPortrait(ctx, px(64), px(8), px(17), px(21), random, 0.35);
  } else {
    const top = format === 'TD3' ? 6 : 5;
    text(title, 5, top, 2.0, true, LABEL_INK);
    text(state, 5, top + 3.6, 2.2, true);
    const photo = format === 'TD3' ? { x: 5, y: 13, w: 32, h: 41 } : { x: 4, y: 12, w: 25, h: 32 };
    drawPortrait(ctx, px(photo.x), px(photo.y), px(photo.w), px(photo.h), random, 1);
    drawSignature(ctx, px(photo.x + 2), px(photo.y + photo.h + 5), px(photo.w - 4), random);
    const x1 = photo.x + photo.w + 5;
    const x2 = x1 + (format === 'TD3' ? 40 : 32);
    const step = format === 'TD3' ? 6.4 : 5.9;
    let y = photo.y - 1;
    field('TYPE / TIPO', fields.documentCode, x1, y);
    field('CODE / CÓDIGO', fields.issuingState, x1 + 16, y);
    field(isPassport ? 'PASSPORT No. / PASAPORTE Nº' : 'DOCUMENT No.', fields.documentNumber, x2, y);
    y += step;
    field('SURNAME / APELLIDOS', name(fields.surname), x1, y);
    y += step;
    field('GIVEN NAMES / NOMBRE', name(fields.givenNames) || '—', x1, y);
    y += step;
    field('NATIONALITY / NACIONALIDAD', fields.nationality, x1, y);
    field('SEX / SEXO', fields.sex === '<' ? 'X' : fields.sex, x2, y);
    y += step;
    field('DATE OF BIRTH / FECHA DE NACIMIENTO', visualDate(fields.birthDate), x1, y);
    y += step;
    field('PLACE OF BIRTH / LUGAR DE NACIMIENTO', name(visual.placeOfBirth ?? '—'), x1, y);
    if (format === 'TD3') {
      y += step;
      field('DATE OF ISSUE / EXPEDICIÓN', visualDate(issueDate(fields.expiryDate)), x1, y);
      field('AUTHORITY / AUTORIDAD', visual.authority ?? fields.issuingState, x2, y);
    }
    y += step;
    field('DATE OF EXPIRY / CADUCIDAD', visualDate(fields.expiryDate, 99), x1, y);
  }
  drawMrz(ctx, composeMrz(fields), format, px);
}

/** Ten years before expiry, a day later: what most passports and cards carry. */
function issueDate(expiry: string): string {
  const yy = (Number(expiry.slice(0, 2)) + 90) % 100;
  return `${String(yy).padStart(2, '0')}${expiry.slice(2)}`;
}

function randomStreet(random: Random): string {
  return random.pick(['MAYOR', 'DEL SOL', 'ALCALÁ', 'DE LA PAZ', 'SAN ISIDRO', 'GRAN VÍA', 'ROSALES']);
}

/** Each character in its own 2.54 mm cell, as ICAO's fixed pitch wants, whatever the font's advance. */
function drawMrz(ctx: SKRSContext2D, lines: readonly string[], format: MrzFormat, px: Px): void {
  const place = MRZ_PLACE[format];
  ctx.font = `100px '${OCR_B_FAMILY}'`;
  const capAt100 = ctx.measureText('H').actualBoundingBoxAscent || 70;
  const size = (px(MRZ_CAP_MM) / capAt100) * 100;
  ctx.font = `${size.toFixed(2)}px '${OCR_B_FAMILY}'`;
  ctx.fillStyle = '#111111';
  ctx.textAlign = 'center';
  lines.forEach((line, index) => {
    const baseline = px(place.lastBaseline - (lines.length - 1 - index) * place.pitch);
    for (let i = 0; i < line.length; i++) {
      ctx.fillText(line[i]!, px(place.left + (i + 0.5) * MRZ_PITCH_MM), baseline);
    }
  });
  ctx.textAlign = 'start';
}

/** A portrait: backdrop, shoulders, head and hair; faint when it is a ghost image. */
function drawPortrait(
  ctx: SKRSContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  random: Random,
  alpha: number,
): void {
  ctx.save();
  ctx.globalAlpha = alpha;
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  const backdrop = ctx.createLinearGradient(x, y, x, y + h);
  backdrop.addColorStop(0, '#dfe6ee');
  backdrop.addColorStop(1, '#b9c4d0');
  ctx.fillStyle = backdrop;
  ctx.fillRect(x, y, w, h);
  const skin = random.pick(['#f1c9a5', '#d9a77e', '#a8734f', '#7b4f33', '#e8bc94']);
  const hair = random.pick(['#2a1d14', '#5a3b22', '#111111', '#8a6a3a', '#6b6b6b']);
  const cloth = random.pick(['#2f3f5a', '#4a2f3a', '#2f4a3a', '#333333', '#5a4a2f']);
  ctx.fillStyle = cloth;
  ctx.beginPath();
  ctx.ellipse(x + w / 2, y + h * 1.02, w * 0.5, h * 0.3, 0, 0, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = skin;
  ctx.fillRect(x + w * 0.42, y + h * 0.55, w * 0.16, h * 0.2);
  ctx.beginPath();
  ctx.ellipse(x + w / 2, y + h * 0.42, w * 0.22, h * 0.22, 0, 0, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = hair;
  ctx.beginPath();
  ctx.ellipse(x + w / 2, y + h * 0.3, w * 0.24, h * 0.13, 0, Math.PI, 2 * Math.PI);
  ctx.fill();
  ctx.restore();
  ctx.strokeStyle = 'rgba(40,40,60,0.5)';
  ctx.lineWidth = 1;
  ctx.strokeRect(x, y, w, h);
}

function drawSignature(ctx: SKRSContext2D, x: number, y: number, w: number, random: Random): void {
  ctx.strokeStyle = '#1f2f6f';
  ctx.lineWidth = Math.max(1.5, w / 90);
  ctx.beginPath();
  ctx.moveTo(x, y);
  const strokes = 5 + random.int(4);
  for (let i = 1; i <= strokes; i++) {
    const tx = x + (w * i) / strokes;
    ctx.bezierCurveTo(
      tx - w / strokes / 2,
      y - random.between(0, w / 6),
      tx - w / strokes / 3,
      y + random.between(0, w / 10),
      tx,
      y - random.between(-w / 20, w / 20),
    );
  }
  ctx.stroke();
}

/** A hand-sized card laid over the right half of the MRZ (a customer's hand or a slip of paper). */
function drawCover(ctx: SKRSContext2D, format: MrzFormat, px: Px, random: Random): void {
  const size = PAGE_SIZE_MM[format];
  const place = MRZ_PLACE[format];
  const top = place.lastBaseline - place.pitch - MRZ_CAP_MM - 2;
  const left = size.width * random.between(0.45, 0.52);
  ctx.save();
  ctx.translate(px(left), px(top));
  ctx.rotate(random.between(-0.03, 0.03));
  ctx.shadowColor = 'rgba(0,0,0,0.35)';
  ctx.shadowBlur = px(1.5);
  ctx.fillStyle = '#e9d2bd';
  ctx.fillRect(0, 0, px(size.width), px(size.height));
  ctx.restore();
}

/** A landscape: sky, sun, hills and trees; colours and shapes, no text. */
function drawPhotograph(ctx: SKRSContext2D, width: number, height: number, random: Random): void {
  const sky = ctx.createLinearGradient(0, 0, 0, height * 0.6);
  sky.addColorStop(0, '#4f86c6');
  sky.addColorStop(1, '#cfe3f3');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#fff3b0';
  ctx.beginPath();
  ctx.arc(width * random.between(0.6, 0.85), height * 0.2, height * 0.08, 0, 2 * Math.PI);
  ctx.fill();
  for (let layer = 0; layer < 3; layer++) {
    ctx.fillStyle = ['#6f8f5a', '#557a43', '#3d5e30'][layer]!;
    ctx.beginPath();
    ctx.moveTo(0, height);
    const base = height * (0.5 + layer * 0.12);
    for (let x = 0; x <= width; x += width / 40) {
      ctx.lineTo(x, base + Math.sin(x / (width / (3 + layer)) + layer) * height * 0.05);
    }
    ctx.lineTo(width, height);
    ctx.fill();
  }
  for (let i = 0; i < 14; i++) {
    const tx = random.between(0, width);
    const ty = random.between(height * 0.6, height * 0.95);
    const r = random.between(height * 0.03, height * 0.07);
    ctx.fillStyle = '#4a3222';
    ctx.fillRect(tx - r * 0.1, ty, r * 0.2, r * 1.2);
    ctx.fillStyle = random.pick(['#2e5a27', '#3b6e2f', '#25491f']);
    ctx.beginPath();
    ctx.arc(tx, ty, r, 0, 2 * Math.PI);
    ctx.fill();
  }
}

const WORDS = (
  'lorem ipsum banco cuenta tarjeta oficina horario cliente recibo saldo importe fecha firma ' +
  'documento servicio atención teléfono dirección ventanilla cajero depósito transferencia'
).split(' ');
const MRZ_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<<<';

/**
 * A letter of random words, and at its foot two OCR-B lines shaped like a TD3 MRZ whose check digits
 * fail: the reader must not take any OCR-B text for a document.
 */
function drawRandomText(ctx: SKRSContext2D, width: number, height: number, px: Px, random: Random): void {
  ctx.fillStyle = '#f6f5f0';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = INK;
  ctx.font = `${px(2.6).toFixed(1)}px ${SANS}`;
  for (let row = 0; row < 11; row++) {
    let line = '';
    while (line.length < 60) line += `${random.pick(WORDS)} `;
    ctx.fillText(line.trim(), px(6), px(9 + row * 5.4));
  }
  const lines = [0, 1].map(() => Array.from({ length: 44 }, () => random.pick([...MRZ_CHARS])).join(''));
  // Make sure the composite check fails, however the random characters fell.
  const second = lines[1]!;
  const covered = second.slice(0, 10) + second.slice(13, 20) + second.slice(21, 43);
  const wrong = String((Number(checkDigit(covered)) + 1) % 10);
  lines[1] = second.slice(0, 43) + wrong;
  drawMrz(ctx, lines, 'TD3', px);
}
