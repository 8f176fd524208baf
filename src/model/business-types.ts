/**
 * Economic profiles of the KUBE business types. Rates are per week as fractions of the business's
 * capital. They are assumptions shaped by the programme facts (cattle and goats sold after a
 * fattening cycle, layer hens and warung with weekly cash, savings-and-loan earning monthly
 * interest), not yet calibrated; docs/MODEL.md tabulates them and their reasoning.
 */
import type { BusinessType } from './scenario.ts';

export interface BusinessProfile {
  /** Value added per week at full labour, coordination and market, as a share of capital. */
  grossReturn: number;
  /** Operating costs per week (feed, stock, materials) as a share of capital. */
  operatingCost: number;
  /** Weeks between sales: the accrued value is realised as revenue once a cycle. */
  cycleWeeks: number;
  /** Weekly sd of the log market price factor. */
  volatility: number;
  /** Expected shocks per year (disease, price collapse, loan defaults). */
  shocksPerYear: number;
  /** Share of capital lost in one shock. */
  shockLoss: number;
  /** Exponent on the labour index: how much the business needs members' skilled work. */
  labourWeight: number;
  /** How much output depends on trust among members (repayment in savings-and-loan). */
  trustWeight: number;
  /**
   * Capital one active member can keep at work (Rp): stock one warung can turn over. Capital
   * beyond the members' capacity lies idle as cash. null: no cap; the capital at work earns with
   * diminishing returns instead (`capitalElasticity`, docs/MODEL.md §7.8): livestock, whose herd
   * studies measure them (docs/EVIDENCE.md §14).
   */
  capacityPerMember: number | null;
}

export const BUSINESS_PROFILES: Record<BusinessType, BusinessProfile> = {
  livestock: { grossReturn: 0.04, operatingCost: 0.013, cycleWeeks: 26, volatility: 0.04, shocksPerYear: 0.3, shockLoss: 0.25, labourWeight: 0.2, trustWeight: 0, capacityPerMember: null },
  poultry: { grossReturn: 0.046, operatingCost: 0.016, cycleWeeks: 1, volatility: 0.05, shocksPerYear: 0.35, shockLoss: 0.3, labourWeight: 0.8, trustWeight: 0, capacityPerMember: 4_000_000 },
  fish: { grossReturn: 0.042, operatingCost: 0.014, cycleWeeks: 16, volatility: 0.05, shocksPerYear: 0.3, shockLoss: 0.3, labourWeight: 0.7, trustWeight: 0, capacityPerMember: 4_000_000 },
  warung: { grossReturn: 0.036, operatingCost: 0.011, cycleWeeks: 1, volatility: 0.04, shocksPerYear: 0.25, shockLoss: 0.12, labourWeight: 0.6, trustWeight: 0.2, capacityPerMember: 3_000_000 },
  foodProcessing: { grossReturn: 0.046, operatingCost: 0.016, cycleWeeks: 1, volatility: 0.06, shocksPerYear: 0.3, shockLoss: 0.15, labourWeight: 0.9, trustWeight: 0, capacityPerMember: 3_000_000 },
  crafts: { grossReturn: 0.044, operatingCost: 0.014, cycleWeeks: 4, volatility: 0.07, shocksPerYear: 0.25, shockLoss: 0.2, labourWeight: 1.1, trustWeight: 0, capacityPerMember: 2_500_000 },
  savingsLoan: { grossReturn: 0.016, operatingCost: 0.003, cycleWeeks: 4, volatility: 0.02, shocksPerYear: 0.3, shockLoss: 0.15, labourWeight: 0.2, trustWeight: 0.8, capacityPerMember: 6_000_000 },
};
