import { type Browser, chromium, type Page } from 'playwright-core';
import playwrightConfig from '../../playwright.config.ts';

/**
 * Debian's Chromium with exactly the launch options and viewport the end-to-end tests use
 * (taken from playwright.config.ts, so benchmarks and tests cannot drift apart).
 */
export async function launchChromium(): Promise<Browser> {
  const launchOptions = playwrightConfig.use?.launchOptions;
  if (!launchOptions?.executablePath) throw new Error('playwright.config.ts names no Chromium executable');
  return chromium.launch({ ...launchOptions, headless: true });
}

export async function newKioskPage(browser: Browser): Promise<Page> {
  const viewport = playwrightConfig.use?.viewport ?? { width: 1080, height: 1920 };
  return browser.newPage({ viewport });
}

/**
 * Resolves after the page has produced the frame that shows its current DOM: a
 * requestAnimationFrame callback runs just before that frame's style, layout and paint, and a
 * task posted from it runs once they are done.
 */
export async function nextPaintedFrame(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(null);
        });
      }),
  );
}

/**
 * tsx compiles with esbuild's keepNames, which wraps named inner functions in `__name(...)`;
 * a function sent to the page with page.evaluate then needs that helper there too.
 */
export async function allowCompiledFunctions(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name = (fn) => fn');
}
