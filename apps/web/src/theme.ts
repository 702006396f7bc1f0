// The theme: Mantine's colours darkened where they are too light for text, so that every variant meets WCAG
// 2.1 AA contrast (4.5:1) wherever a colour is used, and names for the controls Mantine draws as bare icons.
// Done once here, for every colour and every such control, instead of page by page.
import {
  Anchor,
  createTheme,
  darken,
  DEFAULT_THEME,
  luminance,
  Modal,
  MultiSelect,
  Notification,
  Pagination,
  ScrollArea,
  type MantineColorsTuple,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { TFunction } from 'i18next';

const AA = 4.6; // 4.5:1 with a little room for anti-aliasing

const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};

/** The colour darkened in small steps until it reaches AA contrast against every one of `backgrounds`. */
function darkEnough(color: string, ...backgrounds: string[]): string {
  let shade = color;
  for (let amount = 0.05; backgrounds.some((b) => contrast(shade, b) < AA); amount += 0.05) {
    shade = darken(color, amount);
  }
  return shade;
}

/** The greyest panel text sits on (gray 1); AA there is AA on white too. */
const PANEL = DEFAULT_THEME.colors.gray[1];

/**
 * Shades 0–5 (tints and borders) stay; 6, the shade of filled buttons and of text in the colour (the dimmed
 * text is gray 6), reaches AA on light panels, on the colour's own hover tint (2) and under white text; 7 and
 * 8 (hover, pressed) are darker still; 9, the text of light badges and of the active menu item, reaches AA on
 * the tints 1 and 2 they sit on.
 */
function accessible(colors: MantineColorsTuple): MantineColorsTuple {
  const filled = darkEnough(colors[6], PANEL, colors[2]);
  const onTint = darkEnough(colors[9], colors[1], colors[2]);
  return [
    ...colors.slice(0, 6),
    filled,
    darken(filled, 0.1),
    darken(filled, 0.2),
    onTint,
  ] as unknown as MantineColorsTuple;
}

const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors)
    .filter(([name]) => name !== 'dark')
    .map(([name, shades]) => [name, accessible(shades)]),
);

/** The theme in the user's language (the icon-only controls are named in it). */
export function themeIn(t: TFunction) {
  return createTheme({
    primaryColor: 'teal',
    primaryShade: 6,
    defaultRadius: 'md',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    headings: { fontWeight: '700' },
    colors,
    components: {
      // A link inside a sentence is told apart by more than its colour (WCAG 1.4.1).
      Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
      DateInput: DateInput.extend({
        // Named, and out of the tab order: Tab goes from date to the next field, and a Space typed while
        // passing through no longer clears the date. The mouse still clears it; so does emptying the text.
        defaultProps: { clearButtonProps: { 'aria-label': t('a11y.clearDate'), tabIndex: -1 } },
      }),
      // Chosen by typing: the list filters as one types and Enter picks the first option left (without
      // selectFirstOptionOnChange nothing was highlighted, and Enter sent the whole form instead); a picked
      // option leaves the list, so Enter never unpicks it by surprise (Backspace removes the last pick).
      MultiSelect: MultiSelect.extend({
        defaultProps: { searchable: true, hidePickedOptions: true, selectFirstOptionOnChange: true },
      }),
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('a11y.close') } } }),
      Notification: Notification.extend({
        defaultProps: { closeButtonProps: { 'aria-label': t('a11y.closeNotification') } },
      }),
      Pagination: Pagination.extend({
        defaultProps: {
          getControlProps: (control) => ({
            'aria-label': {
              previous: t('a11y.previousPage'),
              next: t('a11y.nextPage'),
              first: t('a11y.firstPage'),
              last: t('a11y.lastPage'),
            }[control],
          }),
          getItemProps: (page) => ({ 'aria-label': t('a11y.page', { page }) }),
        },
      }),
      // A region that scrolls sideways (a wide table on a phone) must be reachable by keyboard to scroll it.
      ScrollArea: ScrollArea.extend({ defaultProps: { viewportProps: { tabIndex: 0 } } }),
    },
  });
}
