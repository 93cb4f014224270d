/** One input of a run as reported in the output. */
export interface InputView {
  path: string;
  format: string | null;
  findings: number;
  status: 'parsed' | 'rejected';
  error: string | null;
  warnings: Array<{ message: string; location: string | null }>;
  reportId: string | null;
  /** True when the same bytes were already ingested for the same asset and scope (a --db rerun). */
  duplicate: boolean;
}
