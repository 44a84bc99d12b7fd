import { z } from 'zod';

/** Languages a customer can choose at the kiosk. */
export const Language = z.enum(['es', 'en', 'zh']);
export type Language = z.infer<typeof Language>;
export const LANGUAGES: readonly Language[] = Language.options;
