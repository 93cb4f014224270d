import { field, int } from '../../json-access.js';
import type { ParseWarning } from '../../report-format.js';

/**
 * Compares the totals of a paged response (`paging.total`, and the older
 * top-level `total`) with the items on the page. A total above the page's
 * count means other pages exist: the page is partial, so the result is
 * incomplete. A total below it disagrees with the records and is only a
 * warning. Returns whether the page contains every item.
 */
export function checkPaging(response: unknown, items: number, warnings: ParseWarning[]): boolean {
  const paging = field(response, 'paging');
  const totals: Array<[number | null, string]> = [
    [int(field(paging, 'total')), '/paging/total'],
    [int(field(response, 'total')), '/total'],
  ];
  const pageIndex = int(field(paging, 'pageIndex')) ?? int(field(response, 'p'));
  let complete = true;
  for (const [total, location] of totals) {
    if (total === null || total === items) {
      continue;
    }
    if (total > items) {
      warnings.push({ message: `the response is one page (page ${pageIndex ?? '?'}) with ${items} of ${total} items; fetch every page for a complete result`, location });
      complete = false;
    } else {
      warnings.push({ message: `the total of ${total} is lower than the ${items} items on the page; the items are used`, location });
    }
  }
  return complete;
}
