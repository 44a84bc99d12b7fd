import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createTellerI18n } from '../i18n/teller/teller-i18n.ts';
import { TellerApp } from './teller-app.tsx';
import './teller.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={createTellerI18n()}>
      <TellerApp />
    </I18nextProvider>
  </StrictMode>,
);
