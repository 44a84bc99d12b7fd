import { createI18n } from './create-i18n.ts';
import { technicianEn } from './technician/en.ts';

export function createTechnicianI18n() {
  return createI18n({ en: { translation: technicianEn } }, 'en');
}
