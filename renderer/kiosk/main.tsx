import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createKioskI18n } from '../i18n/kiosk-i18n.ts';
import { BridgeContext } from './bridge/bridge-context.ts';
import { getBridge } from './bridge/get-bridge.ts';
import { KioskApp } from './kiosk-app.tsx';
import { ViewStoreContext } from './view/use-kiosk-view.ts';
import { connectViewStore, createViewStore } from './view/view-store.ts';
import './kiosk.css';

const bridge = getBridge();
const store = createViewStore();
connectViewStore(store, bridge);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={createKioskI18n()}>
      <BridgeContext.Provider value={bridge}>
        <ViewStoreContext.Provider value={store}>
          <KioskApp />
        </ViewStoreContext.Provider>
      </BridgeContext.Provider>
    </I18nextProvider>
  </StrictMode>,
);
