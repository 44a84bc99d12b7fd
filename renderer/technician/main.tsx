import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createTechnicianI18n } from '../i18n/technician-i18n.ts';
import { TechnicianApp } from './technician-app.tsx';
import './technician.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={createTechnicianI18n()}>
      <TechnicianApp />
    </I18nextProvider>
  </StrictMode>,
);
