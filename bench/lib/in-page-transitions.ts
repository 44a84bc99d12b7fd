/**
 * One measured transition: click `click`, then wait until the element `watch` has `attribute` =
 * `value` and the frame showing it has been produced.
 */
export interface TransitionStep {
  kind: 'kiosk' | 'local';
  click: string;
  watch: string;
  attribute: string;
  value: string;
}

/**
 * Runs inside the page (passed to page.evaluate, so it must not use anything from its module).
 * Timing is all browser-side, with performance.now(): from just before the click is dispatched to
 * the task after the next requestAnimationFrame following the attribute change, i.e. after that
 * frame's style, layout and paint. Playwright's round trips are not in the figures.
 */
export async function runTransitionsInPage(args: {
  steps: TransitionStep[];
  stepTimeoutMs: number;
  pauseMs: number;
}): Promise<number[]> {
  const afterNextFrame = () =>
    new Promise<void>((resolve) => {
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      });
    });
  const durations: number[] = [];
  for (const [index, step] of args.steps.entries()) {
    const button = document.querySelector<HTMLElement>(step.click);
    if (!button) {
      const screen = document.querySelector('[data-screen]')?.getAttribute('data-screen');
      throw new Error(`step ${index}: no ${step.click} (screen ${screen})`);
    }
    const reached = () => document.querySelector(step.watch)?.getAttribute(step.attribute) === step.value;
    let started = 0;
    const shown = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`step ${index}: ${step.watch} never got ${step.attribute}=${step.value}`));
      }, args.stepTimeoutMs);
      const observer = new MutationObserver(() => {
        if (!reached()) return;
        observer.disconnect();
        clearTimeout(timer);
        void afterNextFrame().then(() => resolve(performance.now() - started));
      });
      observer.observe(document.documentElement, {
        subtree: true,
        attributes: true,
        attributeFilter: [step.attribute],
      });
    });
    started = performance.now();
    button.click();
    durations.push(await shown);
    // Let the screen settle (late renders, the WebSocket's own traffic) before the next tap.
    await afterNextFrame();
    await new Promise((resolve) => setTimeout(resolve, args.pauseMs));
  }
  return durations;
}

/**
 * Runs inside the page: a button and a box outside the React tree whose click handler flips an
 * attribute synchronously (and with it the box's colour), the same DOM-and-paint path without the
 * bridge or React.
 */
export function injectLocalToggle(): void {
  const style = document.createElement('style');
  style.textContent =
    '#bench-local-target{position:fixed;left:0;bottom:0;width:40px;height:40px;background:#fff}' +
    '#bench-local-target[data-state="on"]{background:#000}' +
    '#bench-local-button{position:fixed;left:40px;bottom:0;width:40px;height:40px}';
  const target = document.createElement('div');
  target.id = 'bench-local-target';
  target.setAttribute('data-state', 'off');
  const button = document.createElement('button');
  button.id = 'bench-local-button';
  button.type = 'button';
  button.textContent = '·';
  button.addEventListener('click', () => {
    target.setAttribute('data-state', target.getAttribute('data-state') === 'on' ? 'off' : 'on');
  });
  document.head.append(style);
  document.body.append(target, button);
}
