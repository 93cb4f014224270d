export type SsvcExploitation = 'none' | 'poc' | 'active';
export type SsvcTechnicalImpact = 'partial' | 'total';
export type SsvcMissionImpact = 'low' | 'medium' | 'high';
export type SsvcDecision = 'Track' | 'Track*' | 'Attend' | 'Act';

export interface SsvcInputs {
  exploitation: SsvcExploitation;
  automatable: boolean;
  technicalImpact: SsvcTechnicalImpact;
  /** Mission and well-being impact. */
  missionImpact: SsvcMissionImpact;
}

type MissionRow = Readonly<Record<SsvcMissionImpact, SsvcDecision>>;
type ImpactRows = Readonly<Record<SsvcTechnicalImpact, MissionRow>>;

const row = (low: SsvcDecision, medium: SsvcDecision, high: SsvcDecision): MissionRow => ({ low, medium, high });

/**
 * CISA's SSVC decision tree, as CERT/CC's SSVC repository tabulates it
 * (CISA Levels 1.1.0 in decision table 2.0.3). It is indexed by exploitation,
 * then automatable, then technical impact. Each row gives the decision for
 * low, medium and high mission and well-being impact.
 */
const DECISIONS: Readonly<Record<SsvcExploitation, Readonly<Record<'manual' | 'automatable', ImpactRows>>>> = {
  none: {
    manual: { partial: row('Track', 'Track', 'Track'), total: row('Track', 'Track', 'Track*') },
    automatable: { partial: row('Track', 'Track', 'Attend'), total: row('Track', 'Track', 'Attend') },
  },
  poc: {
    manual: { partial: row('Track', 'Track', 'Track*'), total: row('Track', 'Track*', 'Attend') },
    automatable: { partial: row('Track', 'Track', 'Attend'), total: row('Track', 'Track*', 'Attend') },
  },
  active: {
    manual: { partial: row('Track', 'Track', 'Attend'), total: row('Track', 'Attend', 'Act') },
    automatable: { partial: row('Attend', 'Attend', 'Act'), total: row('Attend', 'Act', 'Act') },
  },
};

/**
 * Decides Track, Track*, Attend or Act with CISA's SSVC tree. Track: fix
 * within the usual update cycle. Track*: the same, but watch for changes.
 * Attend: fix sooner than usual, with supervisors involved. Act: fix as soon
 * as possible, with leadership involved.
 */
export function ssvcDecision(inputs: SsvcInputs): SsvcDecision {
  return DECISIONS[inputs.exploitation][inputs.automatable ? 'automatable' : 'manual'][inputs.technicalImpact][inputs.missionImpact];
}
