import type { ResolvedEmulatorOptions } from './emulator-options';
import type { FaultPlan } from './fault/fault-plan';
import type { EmulatorStore } from './store/emulator-store';
import type { GenerationTracker } from './stream/generation-tracker';

/** What every route and middleware of one emulator shares. */
export interface EmulatorDependencies {
  readonly options: ResolvedEmulatorOptions;
  /** The plan built from the switches and the `faults` option, before any request header. */
  readonly basePlan: FaultPlan;
  readonly store: EmulatorStore;
  readonly tracker: GenerationTracker;
}
