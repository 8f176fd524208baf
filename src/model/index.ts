/** The model's public surface. */
export * from './scenario.ts';
export * from './parameters.ts';
export { fingerprintRun } from './fingerprint.ts';
export { simulate, createRun, type RunResult, type Run, type Outcome, type MemberRecord, type SimulateOptions } from './simulate.ts';
export { INDICATORS, ELEMENT_KEYS, INDICATOR_KEYS, STATUS_NAMES, measure, summarize, createSummary, DRIVER_KEYS, elementsOf, createDrivers, type Drivers, type Indicator, type StatusName, type Summary } from './indicators.ts';
export { EVENT_TYPES, DISSOLUTION_CAUSES, DISSOLUTION_CAUSE_TEXT, eventList, type EventLog, type KubeEvent, type EventType, type DissolutionCause } from './events.ts';
export { inject, INJECTION_KINDS, INJECTED_MISUSE_SHARE, INJECTED_PRICE_FALL, type Injection, type InjectionKind } from './inject.ts';
export { createExternalDecisions, MODEL_DECIDES, ABSTAIN, REPORT_FINDS, FALSE_ALARM, type ExternalDecisions } from './external.ts';
export { trace, traceBuffers, checkInjections, type Trace, type TraceOptions } from './trace.ts';
export { BUSINESS_PROFILES, type BusinessProfile } from './business-types.ts';
export { createStreams, STREAM_PURPOSES, type Streams, type Rng } from './random.ts';
export { WEEKS_PER_MONTH } from './context.ts';
export { createChecker, InvariantError, type Checker } from './check.ts';
export { CONSTANTS, CONSTANT_NAMES, resolveConstants, type ConstantName, type ConstantSpec, type World } from './constants.ts';
export { CENTRAL_WORLD } from './world.ts';
