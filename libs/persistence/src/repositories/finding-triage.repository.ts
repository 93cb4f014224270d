import type { Queryable } from '../queryable.js';
import type { FindingState } from './finding.repository.js';

/** A person's decision on a finding, stored beside its status. */
export interface TriageDecision {
  status: string;
  reason: string;
  actor: string;
  approver: string | null;
  /** End of a risk acceptance (ISO 8601); null for other decisions. */
  expiresAt: string | null;
  decidedAt: string;
}

/** Fields of a finding that a person may set; a rescan keeps the person's value. */
export interface HumanFieldValues {
  title?: string;
  description?: string;
  severity?: string;
  fixed_versions?: string[];
}

/** Triage decisions and fields set by people. */
export class FindingTriageRepository {
  constructor(private readonly db: Queryable) {}

  /** Sets the status and decision of one finding; a decision to reopen clears the stored one. */
  async applyDecision(findingId: string, decision: TriageDecision): Promise<void> {
    const stored = decision.status === 'open' ? null : JSON.stringify(decision);
    await this.db.query(`UPDATE findings SET status = $2, triage = $3::jsonb, triage_expires_at = $4 WHERE id = $1`, [findingId, decision.status, stored, decision.expiresAt]);
  }

  /** Sets the given fields and adds them to the fields a person owns. */
  async applyHumanFields(findingId: string, values: HumanFieldValues): Promise<void> {
    const names = Object.keys(values);
    if (names.length === 0) return;
    await this.db.query(
      `UPDATE findings SET
         title = COALESCE($2, title), description = COALESCE($3, description), severity = COALESCE($4, severity),
         fixed_versions = COALESCE($5::text[], fixed_versions),
         human_fields = ARRAY(SELECT DISTINCT unnest(human_fields || $6::text[]) ORDER BY 1)
       WHERE id = $1`,
      [findingId, values.title ?? null, values.description ?? null, values.severity ?? null, values.fixed_versions ?? null, names],
    );
  }

  /**
   * Reopens the risk acceptances of these assets that ended at or before
   * `now`: status `open`, decision cleared. Returns the findings reopened with
   * the decision they had.
   */
  async reopenExpired(assets: string[], now: Date): Promise<Array<FindingState & { triage: TriageDecision }>> {
    if (assets.length === 0) return [];
    return this.db.query(
      `UPDATE findings f SET status = 'open', triage = NULL, triage_expires_at = NULL
       FROM (SELECT id, triage AS old_triage FROM findings
             WHERE asset = ANY($1::text[]) AND status = 'risk_accepted' AND triage_expires_at <= $2 FOR UPDATE) expired
       WHERE f.id = expired.id
       RETURNING f.id, f.identity_key, f.asset, f.status, expired.old_triage AS triage`,
      [assets, now],
    );
  }
}
