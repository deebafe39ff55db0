import type {Args, StoryContext} from '@storybook/web-components-vite';

/**
 * The element `tag` as a page author writes it, from the story's args as the manifest names them
 * (preview.ts): attributes (`show-labels`, `heading-level`), CSS custom properties set on the
 * element, and event listeners for the Actions panel. `api` defaults to the story's fake API base
 * (its loader), `theme` to the toolbar's.
 */
export function renderElement(tag: string, args: Args, {argTypes, loaded, globals}: StoryContext): HTMLElement {
  const el = document.createElement(tag);
  const values: Args = {api: loaded.api, theme: globals.theme === 'dark' ? 'dark' : undefined};
  for (const [name, value] of Object.entries(args)) if (value !== undefined && value !== '') values[name] = value;
  for (const [name, argType] of Object.entries(argTypes)) {
    const value = values[name];
    const category = argType.table?.category;
    const event = (argType.action as {name?: string} | undefined)?.name;
    if (event && typeof value === 'function') el.addEventListener(event, value as EventListener);
    else if (category === 'css custom properties' && value) el.style.setProperty(name, String(value));
    else if (category === 'attributes' && value !== undefined) {
      if (typeof value === 'boolean') el.toggleAttribute(name, value);
      else el.setAttribute(name, String(value));
    }
  }
  return el;
}
