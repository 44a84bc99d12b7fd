import { useKioskT } from '../../language-context.ts';

/** Two machine readable lines, drawn as runs of character cells: the part the scanner reads. */
const MRZ_CELLS = Array.from({ length: 22 }, (_, i) => i);

/**
 * The scanner seen from above with a document laid photo side down on its glass: the photo
 * shows through as an outline, and the two lines of characters sit along the marked edge. The
 * document settles onto the glass (CSS) so the motion says "lay it down" without words.
 */
export function DocumentIllustration() {
  const t = useKioskT();
  return (
    <svg
      className="identify-illustration identify-illustration--document"
      viewBox="0 0 400 300"
      role="img"
      aria-label={t('identify.placeDocument.illustration')}
      data-testid="identify-document-illustration"
    >
      <rect className="identify-scanner__body" x="16" y="24" width="368" height="260" rx="28" />
      <rect className="identify-scanner__glass" x="48" y="56" width="304" height="196" rx="10" />
      {/* The edge to lay the characters against: a bold band with arrows pointing at it. */}
      <rect className="identify-scanner__edge" x="48" y="244" width="304" height="8" rx="4" />
      <path className="identify-scanner__edge-arrow" d="M34 232 l10 12 l-10 12 z" />
      <path className="identify-scanner__edge-arrow" d="M366 232 l-10 12 l10 12 z" />
      <g className="identify-document">
        <rect className="identify-document__page" x="72" y="84" width="256" height="156" rx="10" />
        <rect className="identify-document__photo" x="88" y="100" width="64" height="80" rx="6" />
        <circle className="identify-document__head" cx="120" cy="128" r="14" />
        <path className="identify-document__head" d="M98 176 q22 -30 44 0 z" />
        <rect className="identify-document__text" x="166" y="106" width="140" height="8" rx="4" />
        <rect className="identify-document__text" x="166" y="124" width="110" height="8" rx="4" />
        <rect className="identify-document__text" x="166" y="142" width="126" height="8" rx="4" />
        <rect className="identify-document__text" x="166" y="160" width="90" height="8" rx="4" />
        <rect className="identify-document__mrz-band" x="80" y="196" width="240" height="38" rx="6" />
        {[204, 220].map((y) =>
          MRZ_CELLS.map((i) => (
            <rect
              key={`${y}-${i}`}
              className="identify-document__mrz"
              x={86 + i * 10.5}
              y={y}
              width="7"
              height="10"
            />
          )),
        )}
      </g>
    </svg>
  );
}
