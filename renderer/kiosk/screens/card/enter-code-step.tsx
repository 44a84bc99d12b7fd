import { useState } from 'react';
import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { OrderCodeEntry } from './order-code-entry.tsx';

/**
 * The order code on an on-screen keypad. The characters stay in this component until Continue:
 * the view never carries them, and a new visit to the step starts empty.
 */
export function EnterCodeStep({ card }: { card: CardIssuingView }) {
  const [code, setCode] = useState('');
  return <OrderCodeEntry card={card} code={code} onCodeChange={setCode} />;
}
