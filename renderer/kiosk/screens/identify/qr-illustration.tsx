import { useKioskT } from '../../language-context.ts';

/** A 13×13 module pattern with the three finder squares of a QR code; the rest is decoration. */
const SIZE = 13;
const FINDERS: ReadonlyArray<[number, number]> = [
  [0, 0],
  [SIZE - 7, 0],
  [0, SIZE - 7],
];
const inFinder = (x: number, y: number) =>
  FINDERS.some(([fx, fy]) => x >= fx - 1 && x <= fx + 7 && y >= fy - 1 && y <= fy + 7);
const MODULES = Array.from(
  { length: SIZE * SIZE },
  (_, i) => [i % SIZE, Math.floor(i / SIZE)] as const,
).filter(([x, y]) => !inFinder(x, y) && (x * 7 + y * 11 + x * y) % 3 === 0);

/**
 * A phone held screen down over the scanner window, a QR code on its screen and the scanner's
 * light reaching up to it: where to hold the phone, at a glance.
 */
export function QrIllustration() {
  const t = useKioskT();
  const cell = 8;
  const qrX = 148;
  const qrY = 58;
  return (
    <svg
      className="identify-illustration identify-illustration--qr"
      viewBox="0 0 400 320"
      role="img"
      aria-label={t('identify.scanQr.illustration')}
      data-testid="identify-qr-illustration"
    >
      <path className="identify-qr__beam" d="M170 252 L230 252 L300 182 L100 182 Z" />
      <g className="identify-qr__phone">
        <rect className="identify-qr__phone-body" x="110" y="28" width="180" height="150" rx="22" />
        <rect className="identify-qr__screen" x="124" y="40" width="152" height="126" rx="10" />
        <g transform={`translate(${qrX} ${qrY})`}>
          {FINDERS.map(([fx, fy]) => (
            <g key={`${fx}-${fy}`}>
              <rect
                className="identify-qr__module"
                x={fx * cell}
                y={fy * cell}
                width={7 * cell}
                height={7 * cell}
              />
              <rect
                className="identify-qr__gap"
                x={(fx + 1) * cell}
                y={(fy + 1) * cell}
                width={5 * cell}
                height={5 * cell}
              />
              <rect
                className="identify-qr__module"
                x={(fx + 2) * cell}
                y={(fy + 2) * cell}
                width={3 * cell}
                height={3 * cell}
              />
            </g>
          ))}
          {MODULES.map(([x, y]) => (
            <rect
              key={`${x}-${y}`}
              className="identify-qr__module"
              x={x * cell}
              y={y * cell}
              width={cell}
              height={cell}
            />
          ))}
        </g>
      </g>
      <rect className="identify-scanner__body" x="80" y="250" width="240" height="54" rx="16" />
      <rect className="identify-qr__window" x="160" y="256" width="80" height="12" rx="6" />
    </svg>
  );
}
