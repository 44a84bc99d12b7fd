import { useId } from 'react';
import type { MenuItem } from '../../../contracts/flows.ts';
import { useSendEvent } from '../bridge/bridge-context.ts';
import { ScreenFrame } from '../components/screen-frame.tsx';
import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';

/** Home menu: every flow stays listed; one that cannot be chosen now says why. */
export function MenuScreen({ menu, backendOnline }: { menu: MenuItem[]; backendOnline: boolean }) {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <ScreenFrame name="menu" heading={t('menu.title')}>
      {!backendOnline && (
        <p role="status" className="screen__message offline-notice" data-offline="true">
          {t('menu.offlineNotice')}
        </p>
      )}
      <ul className="choice-list choice-list--menu">
        {menu.map((item) => (
          <li key={item.flow}>
            <MenuButton item={item} onChoose={() => send({ type: 'SELECT_FLOW', flow: item.flow })} />
          </li>
        ))}
      </ul>
      <div className="screen__footer">
        <TouchButton variant="secondary" onClick={() => send({ type: 'END_SESSION' })}>
          {t('menu.finish')}
        </TouchButton>
      </div>
    </ScreenFrame>
  );
}

function MenuButton({ item, onChoose }: { item: MenuItem; onChoose: () => void }) {
  const t = useKioskT();
  const labelId = useId();
  const reasonId = useId();
  // aria-disabled (not disabled) keeps the entry focusable and announced with its reason.
  const unavailable = !item.available;
  return (
    <TouchButton
      className="menu-item"
      data-flow={item.flow}
      data-available={String(item.available)}
      aria-disabled={unavailable ? 'true' : undefined}
      aria-labelledby={labelId}
      aria-describedby={unavailable ? reasonId : undefined}
      onClick={unavailable ? undefined : onChoose}
    >
      <span id={labelId} className="menu-item__label">
        {t(`flows.${item.flow}`)}
      </span>
      {unavailable && (
        <span id={reasonId} className="menu-item__reason">
          {t(`menu.unavailable.${item.reason ?? 'notBuilt'}`)}
        </span>
      )}
    </TouchButton>
  );
}
