import {waitFor} from 'storybook/test';

/** A story element's shadow root, once `selector` is shown in it (for play functions). */
export async function shadowOnceShown(canvasElement: HTMLElement, tag: string, selector: string): Promise<ShadowRoot> {
  const el = canvasElement.querySelector(tag);
  await waitFor(
    () => {
      if (!el?.shadowRoot?.querySelector(selector)) throw new Error(`<${tag}> shows no ${selector} yet`);
    },
    {timeout: 5000},
  );
  return el!.shadowRoot!;
}
