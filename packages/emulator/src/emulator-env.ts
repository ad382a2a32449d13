import type { PublicKeyConfig } from './emulator-options';
import type { FaultPlan } from './fault/fault-plan';

/** The Hono environment of the emulator's app: values middlewares hand to handlers. */
export interface EmulatorEnv {
  Variables: {
    /** The request's effective faults: switches, then the `faults` option, then the header. */
    plan: FaultPlan;
    /** The Bearer key that authenticated the request. */
    apiKey: string;
    /** Set when a public key authenticated the request. */
    publicKey: PublicKeyConfig | undefined;
  };
}
