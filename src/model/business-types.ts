/**
 * Economic profiles of the KUBE business types. Rates are per week as fractions of the business's
 * capital. They are assumptions shaped by the programme facts in DOMAIN.md (cattle and goats sold
 * after a fattening cycle, layer hens and warung with weekly cash, savings-and-loan earning
 * monthly interest) and calibrated in docs/VALIDATION.md; docs/MODEL.md tabulates them.
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
}

export const BUSINESS_PROFILES: Record<BusinessType, BusinessProfile> = {
  livestock: { grossReturn: 0.0324, operatingCost: 0.0130, cycleWeeks: 26, volatility: 0.04, shocksPerYear: 0.3, shockLoss: 0.25, labourWeight: 0.7, trustWeight: 0 },
  poultry: { grossReturn: 0.0408, operatingCost: 0.0212, cycleWeeks: 1, volatility: 0.05, shocksPerYear: 0.35, shockLoss: 0.3, labourWeight: 0.8, trustWeight: 0 },
  fish: { grossReturn: 0.0348, operatingCost: 0.0153, cycleWeeks: 16, volatility: 0.05, shocksPerYear: 0.3, shockLoss: 0.3, labourWeight: 0.7, trustWeight: 0 },
  warung: { grossReturn: 0.0372, operatingCost: 0.0189, cycleWeeks: 1, volatility: 0.04, shocksPerYear: 0.25, shockLoss: 0.12, labourWeight: 0.6, trustWeight: 0.2 },
  foodProcessing: { grossReturn: 0.0432, operatingCost: 0.0236, cycleWeeks: 1, volatility: 0.06, shocksPerYear: 0.3, shockLoss: 0.15, labourWeight: 0.9, trustWeight: 0 },
  crafts: { grossReturn: 0.0396, operatingCost: 0.0189, cycleWeeks: 4, volatility: 0.07, shocksPerYear: 0.25, shockLoss: 0.2, labourWeight: 1.1, trustWeight: 0 },
  savingsLoan: { grossReturn: 0.0168, operatingCost: 0.0024, cycleWeeks: 4, volatility: 0.02, shocksPerYear: 0.3, shockLoss: 0.15, labourWeight: 0.2, trustWeight: 0.8 },
};
