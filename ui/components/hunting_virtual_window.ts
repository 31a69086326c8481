/**
 * Which rows of a long table to draw: only those in view plus a few either side, so scrolling 100,000 rows costs
 * the same as scrolling 50. Rows have one fixed height, so the arithmetic is exact and nothing shifts.
 */

/** The rows to draw and where. */
export interface VirtualWindow {
  /** First row index drawn. */
  readonly first: number;
  /** One past the last row index drawn. */
  readonly end: number;
  /** Offset of the first drawn row from the top of the scrolled content, px. */
  readonly offset: number;
  /** Height of the whole scrolled content, px. */
  readonly totalHeight: number;
}

/**
 * The window of rows to draw.
 *
 * @param view `scrollTop` and `height` of the viewport, px
 * @param options `rowHeight` px, `rowCount`, and `overscan` rows either side (default 8)
 * @returns the window
 */
export function virtualWindow(
  view: { scrollTop: number; height: number },
  options: { rowHeight: number; rowCount: number; overscan?: number },
): VirtualWindow {
  const { rowHeight, rowCount } = options;
  const overscan = options.overscan ?? 8;
  const totalHeight = rowCount * rowHeight;
  if (rowCount === 0 || rowHeight <= 0) {
    return { first: 0, end: 0, offset: 0, totalHeight: Math.max(0, totalHeight) };
  }
  const top = Math.min(Math.max(0, view.scrollTop), Math.max(0, totalHeight - view.height));
  const firstVisible = Math.floor(top / rowHeight);
  const lastVisible = Math.ceil((top + Math.max(0, view.height)) / rowHeight);
  const first = Math.max(0, firstVisible - overscan);
  const end = Math.min(rowCount, Math.max(lastVisible, firstVisible + 1) + overscan);
  return { first, end, offset: first * rowHeight, totalHeight };
}

/**
 * Where to scroll so that row `index` is in view (keyboard navigation), moving as little as possible.
 *
 * @param index the row
 * @param view current `scrollTop` and `height`, px
 * @param rowHeight px
 * @returns the new `scrollTop`
 */
export function scrollToRow(
  index: number,
  view: { scrollTop: number; height: number },
  rowHeight: number,
): number {
  const top = index * rowHeight;
  if (top < view.scrollTop) return top;
  if (top + rowHeight > view.scrollTop + view.height) return top + rowHeight - view.height;
  return view.scrollTop;
}
